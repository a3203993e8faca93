using System.Diagnostics;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>
/// The API description says what every operation needs (security, roles, problem answers): Redocly's strict
/// recommended rules find nothing in it. scripts/test.sh installs the linter (tools/openapi-lint).
/// </summary>
public sealed class OpenApiLintTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_description_lints_clean_with_every_operation_secured_and_its_problems_documented()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct);
        var file = Path.Combine(Path.GetTempPath(), $"govcloud-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document, Ct);
        var tools = Path.Combine(Repository.Root(), "tools", "openapi-lint");
        var redocly = Path.Combine(tools, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"The linter is not installed: run `npm ci` in {tools} (scripts/test.sh does)");

        var start = new ProcessStartInfo(redocly, ["lint", "--config", Path.Combine(tools, "redocly.yaml"), file, "--format=stylish", "--max-problems=200"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tools,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync(Ct);
        var errors = lint.StandardError.ReadToEndAsync(Ct);
        await lint.WaitForExitAsync(Ct);
        Assert.True(lint.ExitCode == 0, $"redocly lint exited {lint.ExitCode}:\n{await output}\n{await errors}");
        File.Delete(file);
    }
}
