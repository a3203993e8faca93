using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GovCloud.Web.Infrastructure.Data;

public static class DatabaseSetup
{
    /// <summary>SQLite by default (a file under ./data), PostgreSQL when configured; both from one model.</summary>
    public static IServiceCollection AddGovCloudDatabase(this IServiceCollection services, IConfiguration config, DatabaseOptions options)
    {
        // Mobiles, e-mails and phones are sealed on their way into either database (see PersonalDataModel).
        services.AddSingleton<Privacy.PersonalDataProtector>();
        services.AddScoped<Privacy.PersonalDataReencryption>();
        var connectionString = config.GetConnectionString("GovCloud");
        if (options.IsPostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("使用 PostgreSQL 时须设置连接字符串 ConnectionStrings__GovCloud");
            services.AddDbContext<GovCloudDbContext, PostgreSqlGovCloudDbContext>(o => Quiet(o.UseNpgsql(connectionString)));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var path = Path.GetFullPath(options.SqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                connectionString = $"Data Source={path}";
            }
            services.AddDbContext<GovCloudDbContext, SqliteGovCloudDbContext>(o => Quiet(o.UseSqlite(connectionString)));
        }
        return services;
    }

    /// <summary>
    /// A write the database refuses (a unique index losing a race: twenty identical requests at once) is answered 409 and is no
    /// fault of the server; EF Core's own "command failed" lines are warnings so that Error in the log keeps meaning a request
    /// that failed (the exception handler logs those at Error).
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder o) => o
        .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, GovCloudModelCacheKeyFactory>()
        .ConfigureWarnings(w => w.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Warning),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Warning)));
}

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGovCloudDbContext>
{
    public SqliteGovCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGovCloudDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGovCloudDbContext>
{
    public PostgreSqlGovCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlGovCloudDbContext>().UseNpgsql("Host=localhost;Database=govcloud_design").Options);
}
