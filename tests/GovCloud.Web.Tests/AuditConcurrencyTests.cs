using System.Net;
using GovCloud.Domain.Organisations;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>Many writers at once: every change gets its audit entry and the chain stays one unbroken line.</summary>
public abstract class AuditConcurrencyTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_changes_each_get_one_entry_and_the_chain_holds()
    {
        var admin = await app.SignInAsync("admin");
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
        const int writers = 24;
        var responses = await Task.WhenAll(Enumerable.Range(1, writers).Select(i => admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = $"并发测试局{i:D2}", type = OrganisationType.Agency, creditCode = DemoData.SampleCreditCode("450200", 5000 + i),
            fundingType = FundingType.FullyFunded,
        })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync(Ct));
        Assert.Equal(before + writers, sequences.Count);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);

        var auditor = await app.SignInAsync("auditor");
        var verification = await (await auditor.GetAsync("/api/v1/audit/verify", Ct)).ReadAsync<AuditVerification>();
        Assert.True(verification.Valid, $"broken at {verification.FirstBrokenSequence}");
    }
}

public sealed class AuditConcurrencyOnSqlite(SqliteApp app) : AuditConcurrencyTests(app), IClassFixture<SqliteApp>;
public sealed class AuditConcurrencyOnPostgres(PostgresApp app) : AuditConcurrencyTests(app), IClassFixture<PostgresApp>;
