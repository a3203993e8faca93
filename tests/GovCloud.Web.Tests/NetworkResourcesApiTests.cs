using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>
/// R-21.5 (Art. 21(五): 合理分配计算、存储、网络带宽等云资源): bandwidth and public IPs are asked for per zone, agreed or
/// adjusted by the Center, approved against the pool, recorded at delivery and kept in the inventory.
/// </summary>
public abstract class NetworkResourcesApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Zone = "公共网络区";

    private static async Task<PoolDto> PoolAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<PoolDto>>()).Single(p => p.Zone == Zone);

    [Fact]
    public async Task R_21_5_bandwidth_and_public_IPs_are_asked_for_adjusted_approved_delivered_and_counted_by_the_pool()
    {
        var (edu, a) = await app.DraftAsync(network: [new NetworkNeed(Zone, 100, 2)]);
        var need = Assert.Single(a.Network);
        Assert.Equal((Zone, 100, 2), (need.Zone, need.BandwidthMbps, need.PublicIps));
        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        var preview = Assert.Single(await (await center.GetAsync($"/api/v1/applications/{a.Id}/capacity", Ct)).ReadAsync<List<ZoneCapacityDto>>());
        Assert.Equal((100, 2), (preview.RequestedBandwidthMbps, preview.RequestedPublicIps));

        // The Center adjusts the bandwidth; a value that differs from the request needs its reason.
        var body = Evaluation(a);
        var unexplained = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", With(body, new { zone = Zone, bandwidthMbps = 50, publicIps = 2 })))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("调整网络分区“公共网络区”的带宽或公网 IP 须说明理由", unexplained.FieldError("network[0].reason"));
        var unknown = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", With(body, new { zone = "互联网区", bandwidthMbps = 5, publicIps = 0 })))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("申请中没有网络分区“互联网区”的带宽或公网 IP 需求", unknown.FieldError("network[0].zone"));
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation",
            With(body, new { zone = Zone, bandwidthMbps = 50, publicIps = 2, reason = "按实测峰值 40 Mbps" }))).ReadAsync<ApplicationDto>();
        need = Assert.Single(a.Network);
        Assert.Equal((50, (int?)null, 50, 2, "按实测峰值 40 Mbps"), (need.AdjustedBandwidthMbps, need.AdjustedPublicIps, need.EffectiveBandwidthMbps, need.EffectivePublicIps,
            need.DecisionReason));

        // Approved, the zone's pool holds what the Center agreed until the resources are in formal use.
        var before = await PoolAsync(center);
        var bureau = await app.SignInAsync("bureau");
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { opinion = "同意", version = a.Version, overrideReason = "测试" }))
            .ReadAsync<ApplicationDto>();
        var held = await PoolAsync(center);
        Assert.Equal((before.Reserved.BandwidthMbps + 50, before.Reserved.PublicIps + 2), (held.Reserved.BandwidthMbps, held.Reserved.PublicIps));
        Assert.Equal(held.Effective.BandwidthMbps - held.Allocated.BandwidthMbps - held.Reserved.BandwidthMbps, held.Free.BandwidthMbps);

        // The delivery records each VM's bandwidth; more than approved in a zone is refused and nothing is built.
        var trial = await TrialAsync(center, a.Id);
        Assert.Equal(50, Assert.Single(trial.Network).EffectiveBandwidthMbps);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var publicIps = Enumerable.Range(0, 3).Select(_ => $"58.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}").Distinct().ToList();
        object Vms(int first, int second, string ips) => new
        {
            version = trial.Version,
            vms = new object[]
            {
                new { no = 1, hostName = $"net1-{tag}", ips, vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 500, operatingSystem = "麒麟 V10",
                    bastionAccounts = new[] { "a" + tag, "b" + tag }, bandwidthMbps = first },
                new { no = 2, hostName = $"net2-{tag}", ips = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.2", vcpu = 4, memoryGb = 8,
                    systemDiskGb = 100, dataDiskGb = 200, operatingSystem = "麒麟 V10", bastionAccounts = new[] { "c" + tag, "d" + tag }, bandwidthMbps = second },
            },
        };
        var tooWide = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Vms(40, 20, $"10.8.{Random.Shared.Next(1, 250)}.1")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("网络分区“公共网络区”交付的带宽合计 60 Mbps 超过批准的 50 Mbps，增加须提交变更申请", tooWide.FieldError("vms"));
        var tooMany = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Vms(30, 20, string.Join("、", publicIps))))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"交付的公网 IP {publicIps.Count} 个超过批准的 2 个", tooMany.FieldError("vms"));
        var negative = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Vms(-1, 20, publicIps[0]))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 台：带宽须为 0 至 100000 之间的整数（Mbps）", negative.FieldError("vms[0].bandwidthMbps"));
        Assert.Equal(0, await app.WithDbAsync(db => db.CloudVms.CountAsync(v => v.ApplicationId == a.Id, Ct)));

        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Vms(30, 20, publicIps[0]))).ReadAsync<TrialDto>();
        Assert.Equal([(30, 1), (20, 0)], trial.Vms.OrderBy(v => v.RowNo).Select(v => (v.BandwidthMbps, v.PublicIps)));

        // The inventory lists and exports them.
        var list = await (await center.GetAsync($"/api/v1/inventory/vms?q={tag}", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(50, list.Items.Sum(v => v.BandwidthMbps));
        var export = await (await center.GetAsync($"/api/v1/inventory/vms/export?q={tag}", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = (await new MemoryStream(export).QueryAsync(useHeaderRow: true, cancellationToken: Ct)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([30d, 20d], rows.Select(r => Convert.ToDouble(r["带宽（Mbps）"])).Order().Reverse());
        Assert.Equal(1d, rows.Sum(r => Convert.ToDouble(r["公网 IP（个）"])));
    }

    [Fact]
    public async Task R_21_5_a_network_need_typed_wrong_is_refused_field_by_field_and_changes_nothing()
    {
        var (edu, a) = await app.DraftAsync(network: [new NetworkNeed(Zone, 10, 0)]);
        var bad = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new
        {
            contacts = Contacts, version = a.Version,
            network = new object[]
            {
                new { zone = "不存在的分区", bandwidthMbps = 10, publicIps = 0 },
                new { zone = Zone, bandwidthMbps = -5, publicIps = 999 },
                new { zone = Zone, bandwidthMbps = 0, publicIps = 0 },
            },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("网络分区“不存在的分区”不存在或未启用", bad.FieldError("network[0].zone"));
        Assert.Equal("带宽须为 0 至 100000 之间的整数（Mbps）", bad.FieldError("network[1].bandwidthMbps"));
        Assert.Equal("公网 IP 须为 0 至 256 之间的整数（个）", bad.FieldError("network[1].publicIps"));
        Assert.Equal("网络分区“公共网络区”只填一行，带宽和公网 IP 合并填写", bad.FieldError("network[2].zone"));
        Assert.Equal("带宽和公网 IP 至少填写一项", bad.FieldError("network[2].bandwidthMbps"));
        Assert.Equal((Zone, 10), (Assert.Single((await GetAsync(edu, a.Id)).Network).Zone, a.Network[0].BandwidthMbps));

        // Sent without the list, the header keeps the needs; an empty list removes them.
        a = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "改用途", contacts = Contacts, version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Single(a.Network);
        a = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { contacts = Contacts, version = a.Version, network = Array.Empty<object>() }))
            .ReadAsync<ApplicationDto>();
        Assert.Empty(a.Network);
    }

    [Fact]
    public async Task R_20_1_approving_more_bandwidth_than_the_zone_has_is_refused_unless_the_bureau_states_why()
    {
        var center = await app.SignInAsync("center");
        var pool = await PoolAsync(center);
        var (edu, a) = await app.DraftAsync(network: [new NetworkNeed(Zone, Math.Min(NetworkRules.MaxBandwidthMbps, pool.Free.BandwidthMbps + 1), 0)]);
        a = await SubmittedAsync(edu, a);
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();
        var bureau = await app.SignInAsync("bureau");
        var refused = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { opinion = "同意", version = a.Version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("网络分区“公共网络区”的带宽不足", refused.Detail);
        Assert.Equal(ApplicationState.Evaluated, (await GetAsync(edu, a.Id)).State);
    }

    [Fact]
    public async Task R_20_1_approvals_at_the_same_moment_never_take_more_bandwidth_than_the_pool_holds()
    {
        var center = await app.SignInAsync("center");
        var bureau = await app.SignInAsync("bureau");
        // Each asks 40 % of what is free: two fit, the third does not, whatever order they come in.
        var ask = (int)Math.Ceiling((await PoolAsync(center)).Free.BandwidthMbps * 0.4);
        var evaluated = new List<ApplicationDto>();
        for (var i = 0; i < 3; i++)
        {
            var (edu, a) = await app.DraftAsync(network: [new NetworkNeed(Zone, ask, 0)]);
            a = await SubmittedAsync(edu, a);
            evaluated.Add(await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>());
        }
        var answers = await Task.WhenAll(evaluated.Select(a => bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { opinion = "同意", version = a.Version })));
        Assert.Equal(2, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = await Assert.Single(answers, r => r.StatusCode != HttpStatusCode.OK).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("带宽不足", refused.Detail);
        Assert.True((await PoolAsync(center)).Free.BandwidthMbps >= 0);
    }

    [Fact]
    public async Task R_21_5_a_zone_asked_for_without_any_VM_in_it_cannot_be_submitted()
    {
        var (edu, a) = await app.DraftAsync(network: [new NetworkNeed("互联网区", 50, 1)]);
        a = await ImportAsync(edu, a, Vm(1, a.SystemName), Vm(2, a.SystemName));
        a = await AttachAsync(edu, a, ExistingDocuments);
        var refused = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("网络分区“互联网区”中没有申请虚拟机", refused.FieldError("network[0].zone"));
        Assert.Equal(ApplicationState.Draft, (await GetAsync(edu, a.Id)).State);
    }

    [Fact]
    public async Task Holes_and_values_of_the_wrong_type_are_a_400_naming_the_field_never_a_500()
    {
        var (edu, a) = await app.DraftAsync();
        var hole = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { contacts = Contacts, version = a.Version, network = new object?[] { null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 行为空", hole.FieldError("network[0]"));
        var service = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { contacts = Contacts, version = a.Version, services = new object?[] { null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 行为空", service.FieldError("services[0]"));
        var rows = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}/vms", new { version = a.Version, rows = new object?[] { null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(rows.FieldError("rows"));
        var text = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new
        {
            contacts = Contacts, version = a.Version, network = new[] { new { zone = Zone, bandwidthMbps = "abc", publicIps = 1 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(text.FieldError("network[0].bandwidthMbps"));
        Assert.Empty((await GetAsync(edu, a.Id)).Network);
    }

    /// <summary>The kit's evaluation with the Center's word on the network.</summary>
    private static Dictionary<string, object?> With(object evaluation, object network)
    {
        var body = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(System.Text.Json.JsonSerializer.Serialize(evaluation, Http.Json), Http.Json)!;
        body["network"] = new[] { network };
        return body;
    }
}

public sealed class NetworkResourcesApiOnSqlite(SqliteApp app) : NetworkResourcesApiTests(app), IClassFixture<SqliteApp>;
public sealed class NetworkResourcesApiOnPostgres(PostgresApp app) : NetworkResourcesApiTests(app), IClassFixture<PostgresApp>;
