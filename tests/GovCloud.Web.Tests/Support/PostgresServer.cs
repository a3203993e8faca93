using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GovCloud.Web.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster for the whole test run: initdb + pg_ctl on a free port in a
/// temporary folder, one fresh database per test class, stopped when the process exits.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(() => new PostgresServer());
    public static PostgresServer Instance => Shared.Value;

    private readonly string _dir;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresServer()
    {
        _dir = Path.Combine(Path.GetTempPath(), "govcloud-pg-" + Guid.NewGuid().ToString("N")[..8]);
        _port = FreePort();
        Directory.CreateDirectory(_dir);
        var data = Path.Combine(_dir, "data");
        var run = Path.Combine(_dir, "run");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(run);
        if (_asRoot) Run("chown", $"-R postgres:postgres {_dir}");
        Pg("initdb", $"-D {data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8");
        Pg("pg_ctl", $"-D {data} -l {run}/pg.log -w -t 60 -o \"-p {_port} -k {run} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20";

    /// <summary>A new empty database; the app's migrations fill it.</summary>
    public string CreateDatabase()
    {
        var name = "govcloud_" + Guid.NewGuid().ToString("N")[..12];
        using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        cmd.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private void Stop()
    {
        try { Pg("pg_ctl", $"-D {Path.Combine(_dir, "data")} stop -m immediate"); } catch { /* already gone */ }
        try { Directory.Delete(_dir, recursive: true); } catch { /* best effort */ }
    }

    private void Pg(string tool, string args)
    {
        if (_asRoot) Run("runuser", $"-u postgres -- {tool} {args}");
        else Run(tool, args);
    }

    private static void Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) throw new TimeoutException($"{file} {args}");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {stdout.Result} {stderr.Result}");
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
