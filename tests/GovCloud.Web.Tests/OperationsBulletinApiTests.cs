using System.Net;
using GovCloud.Domain.Operations;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Features.Operations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace GovCloud.Web.Tests;

/// <summary>
/// R-22.1 / R-23.1 on both databases: the month's operations bulletin — availability, incidents, utilisation, idle resources and
/// their fee, on-time rates, resources — counted, reviewed and published by the Center; each agency reads its own part and the city totals.
/// </summary>
public abstract class OperationsBulletinApiTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly FirstOfLastMonth
    {
        get
        {
            var today = ChinaTime.Today(TimeProvider.System);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        }
    }

    [Fact]
    public async Task R_22_1_the_center_counts_reviews_and_publishes_the_month_and_each_agency_reads_its_own_part()
    {
        await using var app = new GovCloudApp(provider);
        var (edu, center, application, _) = await app.LiveAsync();
        var vms = await app.WithDbAsync(db => db.CloudVms.Where(v => v.ApplicationId == application.Id).OrderBy(v => v.RowNo).ToListAsync(Ct));
        var (web, data) = (vms[0], vms[1]);
        var month = FirstOfLastMonth;
        var key = month.ToString("yyyy-MM");
        var last = month.AddMonths(1).AddDays(-1);

        // 35 days to the month's last day: web idle (CPU P95 2 %, memory 10 %), data oversized (20 % / 30 % of 4 cores, 8 GB).
        await app.WithDbAsync(async d =>
        {
            for (var i = 0; i < 35; i++)
            {
                d.VmDailyUsage.Add(new VmDailyUsage { VmId = web.Id, OrganisationId = web.OrganisationId, SystemId = web.SystemId, Zone = web.Zone, Day = last.AddDays(-i),
                    Vcpu = web.Vcpu, MemoryGb = web.MemoryGb, DiskGb = 600, Source = "推送", CpuAvg = 1, CpuP95 = 2, CpuMax = 3, MemoryAvg = 8, MemoryP95 = 10, MemoryMax = 12 });
                d.VmDailyUsage.Add(new VmDailyUsage { VmId = data.Id, OrganisationId = data.OrganisationId, SystemId = data.SystemId, Zone = data.Zone, Day = last.AddDays(-i),
                    Vcpu = data.Vcpu, MemoryGb = data.MemoryGb, DiskGb = 600, Source = "推送", CpuAvg = 10, CpuP95 = 20, CpuMax = 40, MemoryAvg = 25, MemoryP95 = 30, MemoryMax = 35 });
            }
            await d.SaveChangesAsync(Ct);
        });
        // The zone down 90 minutes on the 5th of the month.
        var start = new DateTimeOffset(month.AddDays(4).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var outage = await (await center.PostJsonAsync("/api/v1/incidents", new
        {
            title = "存储故障", kind = "Outage", startedAt = start, endedAt = start.AddMinutes(90), zones = new[] { web.Zone }, systemIds = new[] { web.SystemId }, cause = "存储控制器故障", handling = "切换",
        })).ReadAsync<IncidentDto>(HttpStatusCode.Created);

        // Only the Center counts, only a month that is over.
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostAsync($"/api/v1/bulletins/{key}/count", null, Ct)).StatusCode);
        var thisMonth = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM");
        Assert.NotNull((await (await center.PostAsync($"/api/v1/bulletins/{thisMonth}/count", null, Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("month"));
        Assert.NotNull((await (await center.PostAsync("/api/v1/bulletins/2026-13/count", null, Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("month"));
        var draft = await (await center.PostAsync($"/api/v1/bulletins/{key}/count", null, Ct)).ReadAsync<OperationsBulletinDto>();
        Assert.Equal((OperationsBulletinState.Draft, null, OperationsBulletinRules.Title(month)), (draft.State, draft.Number, draft.Title));

        // The figures: the zone's 90 minutes; the outage, touching edu; edu's idle VM at its whole fee and the oversized one's surplus (4→2 cores, 8→4 GB)
        // at the catalogue's prices (30 元/核·月, 15 元/GB·月, 0.5 元/GB·月).
        var f = draft.Facts;
        var zone = f.Zones.Single(z => z.Zone == web.Zone);
        Assert.Equal((90, true), (zone.DowntimeMinutes, zone.BelowTarget));
        var incident = Assert.Single(f.Incidents);
        Assert.Equal((outage.Number, 90), (incident.Number, incident.Minutes));
        Assert.Contains(web.OrganisationId, incident.AgencyIds);
        var idle = Assert.Single(f.IdleByAgency);
        var storage = web.SystemDiskGb + web.DataDiskGb;
        Assert.Equal((1, 1, web.Vcpu + 2, web.MemoryGb + 4, storage), (idle.IdleVms, idle.OversizedVms, idle.Vcpu, idle.MemoryGb, idle.StorageGb));
        Assert.Equal((web.Vcpu + 2) * 30m + (web.MemoryGb + 4) * 15m + storage * 0.5m, idle.MonthlyFee);
        Assert.Equal(2, Assert.Single(f.UsageByAgency).Vms);
        Assert.Equal(last.Day, f.UsageTrend.Count);

        // Drafts are the Center's and the Bureau's; agencies and Finance see nothing of them.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("bureau")).GetAsync($"/api/v1/bulletins/{key}", Ct)).StatusCode);
        var finance = await app.SignInAsync("finance");
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/bulletins/{key}.pdf", Ct)).StatusCode);
        Assert.Empty(await (await edu.GetAsync("/api/v1/bulletins", Ct)).ReadAsync<List<OperationsBulletinRowDto>>());
        // The draft is in the Center operator's 待办 until published; nobody else's.
        Assert.Contains("审核并发布运行情况通报", await (await center.GetAsync("/api/v1/work", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("运行情况通报", await (await edu.GetAsync("/api/v1/work", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("运行情况通报", await (await app.SignInAsync("bureau")).GetStringAsync("/api/v1/work", Ct));

        // Publishing wants the summary and the version seen; it is numbered once, and the month is then not counted again.
        Assert.NotNull((await (await center.PostJsonAsync($"/api/v1/bulletins/{key}/publish", new { summary = " ", version = draft.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("summary"));
        await (await center.PostJsonAsync($"/api/v1/bulletins/{key}/publish", new { summary = "本月运行平稳。", version = draft.Version + 1 }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/bulletins/{key}/publish", new { summary = "x", version = draft.Version })).StatusCode);
        var published = await (await center.PostJsonAsync($"/api/v1/bulletins/{key}/publish",
            new { summary = "本月政务云运行总体平稳。\n请各单位及时确认闲置资源的调整建议。", version = draft.Version })).ReadAsync<OperationsBulletinDto>();
        Assert.Equal(OperationsBulletinState.Published, published.State);
        Assert.Matches(@"运行通报〔\d{4}〕1号$", published.Number);
        Assert.DoesNotContain("审核并发布运行情况通报", await (await center.GetAsync("/api/v1/work", Ct)).Content.ReadAsStringAsync(Ct));
        await (await center.PostJsonAsync($"/api/v1/bulletins/{key}/publish", new { summary = "再发一次", version = published.Version })).ProblemAsync(HttpStatusCode.Conflict);
        await (await center.PostAsync($"/api/v1/bulletins/{key}/count", null, Ct)).ProblemAsync(HttpStatusCode.Conflict);

        // The agencies, the Bureau and Finance are told.
        foreach (var user in new[] { "edu", "health", "bureau", "finance" })
        {
            var inbox = await (await (await app.SignInAsync(user)).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
            Assert.Contains(inbox.Items, m => m.Title == $"{published.Title}已发布" && m.Link == $"/operations?tab=bulletins&month={key}");
        }

        // edu reads its own part and the city totals; health (no VMs) reads the totals and nothing of edu's.
        var asEdu = await (await edu.GetAsync($"/api/v1/bulletins/{key}", Ct)).ReadAsync<OperationsBulletinDto>();
        Assert.True(asEdu.Own);
        Assert.Equal(idle, Assert.Single(asEdu.Facts.IdleByAgency));
        // Its copy names its own system the outage touched (another agency's copy would not).
        var systemName = await app.WithDbAsync(d => d.InfoSystems.Where(x => x.Id == web.SystemId).Select(x => x.Name).SingleAsync(Ct));
        Assert.Equal(systemName, Assert.Single(asEdu.Facts.Incidents).Systems);
        Assert.Null(asEdu.Facts.Incidents[0].AffectedSystems);
        var health = await app.SignInAsync("health");
        var asHealth = await (await health.GetAsync($"/api/v1/bulletins/{key}", Ct)).ReadAsync<OperationsBulletinDto>();
        Assert.Empty(asHealth.Facts.IdleByAgency);
        Assert.Empty(asHealth.Facts.Incidents);
        Assert.Empty(asHealth.Facts.UsageByAgency);
        Assert.Equal(f.IdleTotal, asHealth.Facts.IdleTotal);
        Assert.Equal(f.Zones, asHealth.Facts.Zones);

        // The PDF: the layout's parts, the figures, the chart captions, the font embedded; health's copy names no other agency.
        string PdfText(byte[] bytes)
        {
            // The Chinese font travels inside the file (a TrueType font program), so it prints the same on any machine.
            Assert.Contains("/FontFile2", System.Text.Encoding.Latin1.GetString(bytes));
            using var pdf = PdfDocument.Open(bytes);
            return string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
        }
        var cityPdf = await center.GetAsync($"/api/v1/bulletins/{key}.pdf", Ct);
        Assert.True(cityPdf.Content.Headers.ContentType?.MediaType == "application/pdf", await cityPdf.Content.ReadAsStringAsync(Ct));
        var text = PdfText(await cityPdf.Content.ReadAsByteArrayAsync(Ct));
        foreach (var expected in new[] { published.Number!, published.Title, "本月政务云运行总体平稳", "二、可用率", outage.Number, "图1", "图2", "五、闲置和配置过大的资源", "市教育局", "七、资源变化" })
            Assert.Contains(expected, text);
        var healthText = PdfText(await (await health.GetAsync($"/api/v1/bulletins/{key}.pdf", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("本单位没有闲置或配置过大的虚拟机", healthText);
        Assert.DoesNotContain("市教育局", healthText);
        Assert.DoesNotContain(outage.Number, healthText);

        // The workbook read back: every sheet; edu's copy its own row and the total, Finance the whole city.
        async Task<List<IDictionary<string, object>>> Sheet(HttpClient client, string sheet)
        {
            var bytes = await (await client.GetAsync($"/api/v1/bulletins/{key}.xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct);
            return MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
        }
        Assert.Equal(["市教育局", "全市合计"], (await Sheet(finance, "闲置资源")).Select(r => r["使用单位"]?.ToString()));
        Assert.Equal(["全市合计"], (await Sheet(health, "闲置资源")).Select(r => r["使用单位"]?.ToString()));
        Assert.Equal(outage.Number, Assert.Single(await Sheet(edu, "运行故障"))["编号"]?.ToString());
        Assert.Equal(last.Day, (await Sheet(finance, "逐日使用率")).Count);

        // Both steps are in the audit log; the regulators and the administrators have no part in it.
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == published.Id.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["OperationsBulletinCounted", "OperationsBulletinPublished"], actions.Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("police")).GetAsync("/api/v1/bulletins", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("admin")).GetAsync($"/api/v1/bulletins/{key}.xlsx", Ct)).StatusCode);
    }

    [Fact]
    public async Task R_22_1_the_draft_comes_on_the_first_working_day_once_however_many_instances_run_the_job()
    {
        // 7 October 2026 is still the National Day holiday; the 8th is the first working day.
        var clock = new MovableClock(new DateTimeOffset(2026, 10, 7, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var app = new GovCloudApp(provider, clock: clock);
        Task<bool> Job() => app.WithScopeAsync(sp => sp.GetRequiredService<OperationsBulletinService>().DraftDueAsync(Ct));
        Assert.False(await Job());
        Assert.Equal(0, await app.WithDbAsync(db => db.OperationsBulletins.CountAsync(Ct)));

        clock.Advance(TimeSpan.FromDays(1));
        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(Job, Ct)));
        Assert.Equal(1, runs.Count(r => r));
        var drafted = await app.WithDbAsync(db => db.OperationsBulletins.SingleAsync(Ct));
        Assert.Equal(("2026-09", OperationsBulletinState.Draft), (drafted.Month, drafted.State));
        Assert.False(await Job());
        var inbox = await (await (await app.SignInAsync("center")).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Single(inbox.Items, m => m.Title == "2026年9月政务云运行情况通报待审核");
        // One bulletin a month is the database's rule, not only the job's.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.OperationsBulletins.Add(new OperationsBulletin { Month = "2026-09", Title = "重复", Facts = "{}" });
            await db.SaveChangesAsync(Ct);
        }));
    }
}

public sealed class OperationsBulletinApiOnSqlite() : OperationsBulletinApiTests(Provider.Sqlite);
public sealed class OperationsBulletinApiOnPostgres() : OperationsBulletinApiTests(Provider.PostgreSql);
