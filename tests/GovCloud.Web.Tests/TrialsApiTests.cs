using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>Art. 21 after the approval: trial environment, usage agreement, formal use and the inventory, on both databases.</summary>
public abstract class TrialsApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Edu, HttpClient Center, ApplicationDto App, TrialDto Trial)> InTrialAsync()
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        return (edu, center, a, trial);
    }

    private static async Task<InfoSystemDto> SystemAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/systems/{id}", Ct)).ReadAsync<InfoSystemDto>();

    private static async Task<PoolDto> PublicPoolAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<PoolDto>>()).Single(p => p.Zone == "公共网络区");

    [Fact]
    public async Task R_21_4_the_approval_starts_the_centers_two_working_day_delivery_and_only_the_center_delivers()
    {
        var (edu, a) = await app.ApprovedAsync();
        var delivery = a.Clocks.Single(c => c.Step == TrialService.DeliverStep);
        Assert.Equal((ClockState.Running, "市信息化建设管理中心", "交付试用环境", 2), (delivery.State, delivery.OrganisationName, delivery.StepName, delivery.WorkingDaysLeft));
        var center = await app.SignInAsync("center");
        Assert.Contains((await (await center.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"待交付试用环境：{a.Number}");
        var queue = await (await center.GetAsync("/api/v1/trials?state=AwaitingDelivery&pageSize=200", Ct)).ReadAsync<Paged<TrialSummaryDto>>();
        Assert.Equal(delivery.DueOn, queue.Items.Single(t => t.ApplicationId == a.Id).DeliveryDueOn);

        var trial = await TrialAsync(edu, a.Id);
        Assert.Equal((TrialState.AwaitingDelivery, "待交付试用环境"), (trial.State, trial.StateName));
        Assert.Equal([1, 2], trial.Rows.Select(r => r.No));
        Assert.Equal(200, trial.Rows[1].DataDiskGb); // the Center's adjustment is what gets built
        Assert.Equal(["张三", "李四"], trial.Rows[0].OwnerNames);

        var byAgency = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("只有运维人员可以使用此功能", byAgency.Detail);

        // Bad input: every problem by field, in Chinese, and nothing changes.
        var bad = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", new
        {
            days = 31, version = trial.Version,
            vms = new object[] { new { no = 1, hostName = "web_01", ips = "10.0.0.300", vcpu = 8, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 500,
                operatingSystem = "麒麟 V10", bastionAccounts = new[] { "zhangsan" } } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("试用期须为 15 至 30 个自然日", bad.FieldError("days"));
        Assert.Equal("批准的第 2 台虚拟机尚未填写交付信息", bad.FieldError("vms"));
        Assert.Contains("主机名只能由字母", bad.FieldError("vms[0].hostName"));
        Assert.Contains("IP 地址格式不正确", bad.FieldError("vms[0].ips"));
        Assert.Equal("第 1 台：实际vCPU 8 核超过批准的 4 核，增加配置须提交变更申请", bad.FieldError("vms[0].vcpu"));
        Assert.Contains("须为 2 位堡垒机账号负责人各开设一个账号", bad.FieldError("vms[0].bastionAccounts"));
        Assert.Equal(TrialState.AwaitingDelivery, (await TrialAsync(center, a.Id)).State);
        Assert.Equal(0, await app.WithDbAsync(db => db.CloudVms.CountAsync(v => v.ApplicationId == a.Id, Ct)));

        var stale = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version + 7))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(Http.HasChinese(stale.Detail));

        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version, days: 20, vcpu: 2))).ReadAsync<TrialDto>();
        Assert.Equal((TrialState.InTrial, 20, "手工交付"), (trial.State, trial.Days, trial.Provider));
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.Equal(today, trial.StartedOn);
        Assert.True(trial.EndsOn >= today.AddDays(20), "the last day is 20 calendar days on, moved past a holiday");
        Assert.Equal(10, trial.MaxExtraDays);
        Assert.Equal(2, trial.Vms.Count);
        Assert.All(trial.Vms, v => Assert.Equal((VmState.Trial, (decimal?)null), (v.State, v.MonthlyFee)));
        Assert.Equal(2, trial.Vms[0].Vcpu); // built smaller than approved: that is what is recorded
        Assert.Equal(ClockState.Met, (await GetAsync(edu, a.Id)).Clocks.Single(c => c.Step == TrialService.DeliverStep).State);
        Assert.Contains((await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"待报告试用结果：{a.Number}" && n.Body.Contains("试用环境已交付（2 台虚拟机）"));

        Assert.Equal(SystemLifecycle.InTrial, (await SystemAsync(edu, a.SystemId)).Lifecycle); // the register follows

        var twice = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("试用当前为“试用中”，不能交付试用环境", twice.Detail);
    }

    [Fact]
    public async Task R_21_4_a_host_name_or_address_in_use_in_the_inventory_is_refused()
    {
        var (_, center, _, first) = await InTrialAsync();
        var (_, b) = await app.ApprovedAsync();
        var trial = await TrialAsync(center, b.Id);
        var taken = first.Vms[0];
        var problem = await (await center.PostJsonAsync($"/api/v1/applications/{b.Id}/trial/delivery", new
        {
            version = trial.Version,
            vms = new object[]
            {
                new { no = 1, hostName = taken.HostName, ips = "172.16.0.1", vcpu = 64, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 0, operatingSystem = "麒麟 V10",
                    bastionAccounts = new[] { "a1", "b1" } },
                new { no = 2, hostName = "free-host-" + Guid.NewGuid().ToString("N")[..6], ips = taken.Ips.Split(", ")[1], vcpu = 4, memoryGb = 8, systemDiskGb = 100,
                    dataDiskGb = 0, operatingSystem = "麒麟 V10", bastionAccounts = new[] { "a2", "b2" } },
            },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"第 1 台：主机名“{taken.HostName}”已被资源台账中的其他虚拟机使用", problem.FieldError("vms[0].hostName"));
        Assert.Equal($"第 2 台：IP 地址 {taken.Ips.Split(", ")[1]} 已被资源台账中的其他虚拟机使用", problem.FieldError("vms[1].ips"));
        // Reported in one round with the other problems of the record, each at its field.
        Assert.StartsWith("第 1 台：实际vCPU 64 核超过批准的", problem.FieldError("vms[0].vcpu"));
        Assert.Equal(TrialState.AwaitingDelivery, (await TrialAsync(center, b.Id)).State);
    }

    [Fact]
    public async Task R_21_4_deliveries_at_the_same_moment_never_hand_out_one_address_twice()
    {
        var center = await app.SignInAsync("center");
        var approved = new List<ApplicationDto>();
        for (var i = 0; i < 3; i++) approved.Add((await app.ApprovedAsync()).Application);
        var trials = await Task.WhenAll(approved.Select(a => TrialAsync(center, a.Id)));
        var shared = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.77";
        var answers = await Task.WhenAll(approved.Select((a, i) =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            return center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", new
            {
                version = trials[i].Version,
                vms = new object[]
                {
                    // The same address, once as written in IPv6: still the same address.
                    new { no = 1, hostName = $"race1-{tag}", ips = i == 1 ? "::ffff:" + shared : shared, vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 500,
                        operatingSystem = "麒麟 V10", bastionAccounts = new[] { "a" + tag, "b" + tag } },
                    new { no = 2, hostName = $"race2-{tag}", ips = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.2", vcpu = 4, memoryGb = 8,
                        systemDiskGb = 100, dataDiskGb = 200, operatingSystem = "麒麟 V10", bastionAccounts = new[] { "c" + tag, "d" + tag } },
                },
            });
        }));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.CloudVms.CountAsync(v => v.Ips == shared, Ct)));
    }

    [Fact]
    public async Task R_21_5_formal_use_needs_the_agreement_of_both_and_a_passed_trial_then_the_pool_moves_from_reserved_to_allocated()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        var before = await PublicPoolAsync(center);

        var early = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/go-live", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("使用单位尚未确认使用协议；信息化建设管理中心尚未确认使用协议；使用单位尚未报告试用结果", early.Detail);

        // On screen, only the agency's security officer speaks for the agency.
        var operatorTry = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/agreement", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("只有使用单位安全负责人、运维人员可以使用此功能", operatorTry.Detail);
        var officer = await app.SignInAsync("edusec");
        trial = await (await officer.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Equal("edusec", trial.Agreement.AgencyBy);
        Assert.NotNull(trial.Agreement.AgencyAt);
        var again = await (await officer.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/agreement", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("使用单位已确认使用协议", again.Detail);
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.True(trial.Agreement.Complete);

        var noNote = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result", new { result = TrialResult.Problems, version = trial.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("试用发现问题时请说明问题", noNote.FieldError("note"));
        trial = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result",
            new { result = TrialResult.Problems, note = "数据库连接数不足", version = trial.Version })).ReadAsync<TrialDto>();
        var problems = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/go-live", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("试用发现问题，须整改后重新报告试用通过", problems.Detail);
        trial = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result", new { result = TrialResult.Passed, version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Empty(trial.BlockersOfFormalUse);
        // The same report again (a double click with the fresh version) changes nothing and tells the Center once.
        var repeated = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result", new { result = TrialResult.Passed, version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Equal(trial.Version, repeated.Version);
        Assert.Single((await (await center.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items,
            n => n.Body.Contains(a.SystemName) && n.Body.Contains("报告试用结果：试用通过"));
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/go-live", new { version = trial.Version })).StatusCode);

        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Equal((TrialState.Live, ChinaTime.Today(TimeProvider.System)), (trial.State, trial.LiveOn));
        Assert.All(trial.Vms, v => Assert.Equal(VmState.Active, v.State));
        // 4 vCPU × 30 + 8 GB × 15 + (100 + 500) GB × 0.5 at the seeded prices.
        Assert.Equal(4 * 30m + 8 * 15m + 600 * 0.5m, trial.Vms[0].MonthlyFee);

        // Row 1 asked 4/8/600 and row 2 4/8/300 (adjusted): reserved until now, allocated as built from now on.
        var after = await PublicPoolAsync(center);
        Assert.Equal(before.Reserved - new Resources(8, 16, 900), after.Reserved);
        Assert.Equal(before.Allocated + new Resources(8, 16, 900), after.Allocated);
        Assert.Equal(before.Free, after.Free);
        Assert.Equal(SystemLifecycle.OnCloud, (await SystemAsync(edu, a.SystemId)).Lifecycle);
        // The application's other services start with formal use: one load balancer at 300 a month.
        var services = await (await edu.GetAsync($"/api/v1/inventory/services?systemId={a.SystemId}", Ct)).ReadAsync<ServiceList>();
        var lb = Assert.Single(services.Items);
        Assert.Equal(("load-balancer", 1, 300m, a.Number), (lb.ItemCode, lb.Quantity, lb.MonthlyFee!.Value, lb.Source));
        Assert.Equal(300m, services.MonthlyFee);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(x => x.EntityId == a.Id.ToString() && x.Action.StartsWith("Trial"))
            .OrderBy(x => x.Sequence).Select(x => x.Action).ToListAsync(Ct));
        Assert.Equal(["TrialOpened", "TrialDelivered", "TrialAgreementConfirmed", "TrialAgreementConfirmed", "TrialResultReported", "TrialResultReported",
            "TrialWentLive"], actions);
        var history = await (await edu.GetAsync($"/api/v1/inventory/vms/{trial.Vms[0].Id}", Ct)).ReadAsync<VmDetailDto>();
        Assert.Equal([VmEventKind.Delivered, VmEventKind.Activated], history.History.Select(h => h.Kind));
        Assert.Equal(a.Number, history.ApplicationNumber);
        Assert.Equal("zhangsan@example.com、lisi@example.com", history.OwnerEmails);
    }

    [Fact]
    public async Task R_21_4_the_agency_may_upload_the_signed_agreement_instead_and_it_stays()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        var html = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/trial/agreement-file",
            File("<html>x</html>"u8.ToArray(), "协议.pdf", trial.Version), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(Http.HasChinese(html.FieldError("file")));
        trial = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/trial/agreement-file", File(Pdf, "使用协议（签章）.pdf", trial.Version), Ct))
            .ReadAsync<TrialDto>();
        Assert.Equal(("edu", "使用协议（签章）.pdf"), (trial.Agreement.AgencyBy, trial.Agreement.SignedCopyName));
        var application = await GetAsync(center, a.Id);
        var copy = application.Attachments.Single(x => x.Id == trial.Agreement.SignedCopyId);
        Assert.Equal("使用协议（签署件）", copy.KindName);
        Assert.Equal(Pdf, await (await center.GetAsync($"/api/v1/applications/{a.Id}/attachments/{copy.Id}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        var remove = await (await edu.DeleteAsync($"/api/v1/applications/{a.Id}/attachments/{copy.Id}", Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("使用协议请在试用环节上传，上传后不能删除", remove.Detail);
    }

    [Fact]
    public async Task R_21_4_the_center_extends_within_30_days_or_reclaims_and_the_reservation_returns_to_the_pool()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        Assert.Equal(30, trial.Days);
        var tooLong = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/extension", new { days = 5, version = trial.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("试用期已达 30 天上限，不能再延长，请转正式使用或回收资源", tooLong.FieldError("days"));

        var before = await PublicPoolAsync(center);
        var noReason = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/reclaim", new { version = trial.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写回收理由", noReason.FieldError("reason"));
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/reclaim", new { reason = "试用期满未报告结果", version = trial.Version }))
            .ReadAsync<TrialDto>();
        Assert.Equal(TrialState.Reclaimed, trial.State);
        Assert.All(trial.Vms, v => Assert.Equal((VmState.Reclaimed, ChinaTime.Today(TimeProvider.System)), (v.State, v.ReclaimedOn!.Value)));
        Assert.Equal(before.Reserved - new Resources(8, 16, 900), (await PublicPoolAsync(center)).Reserved);
        Assert.Equal(SystemLifecycle.PendingMigration, (await SystemAsync(edu, a.SystemId)).Lifecycle);
        var late = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result", new { result = TrialResult.Passed, version = trial.Version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("试用当前为“试用后已回收”，不能报告试用结果", late.Detail);
        // A reclaimed VM's name can be used again.
        var history = await (await center.GetAsync($"/api/v1/inventory/vms/{trial.Vms[0].Id}", Ct)).ReadAsync<VmDetailDto>();
        Assert.Contains("堡垒机账号", history.History.Last().Description);
    }

    [Fact]
    public async Task R_20_1_a_delivered_VM_with_a_public_address_takes_one_of_the_zones_public_addresses()
    {
        var (_, a) = await app.ApprovedAsync(network: [new NetworkNeed("公共网络区", 20, 1)]);
        var center = await app.SignInAsync("center");
        var trial = await TrialAsync(center, a.Id);
        var before = await PublicPoolAsync(center);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var publicIp = $"58.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", new
        {
            version = trial.Version,
            vms = new object[]
            {
                new { no = 1, hostName = $"pub-{tag}", ips = $"10.{Random.Shared.Next(1, 250)}.9.1、{publicIp}", vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 500,
                    operatingSystem = "麒麟 V10", bastionAccounts = new[] { "a" + tag, "b" + tag } },
                new { no = 2, hostName = $"priv-{tag}", ips = $"10.{Random.Shared.Next(1, 250)}.9.2", vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 200,
                    operatingSystem = "麒麟 V10", bastionAccounts = new[] { "c" + tag, "d" + tag } },
            },
        })).ReadAsync<TrialDto>();
        var after = await PublicPoolAsync(center);
        Assert.Equal(before.PublicIpsUsed + 1, after.PublicIpsUsed);
        Assert.Equal(after.PublicIps - after.PublicIpsUsed, after.PublicIpsFree);
    }

    [Fact]
    public async Task R_21_4_a_shorter_trial_may_be_extended_up_to_30_days_in_total()
    {
        var (_, a) = await app.ApprovedAsync();
        var center = await app.SignInAsync("center");
        var trial = await TrialAsync(center, a.Id);
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version, days: 15))).ReadAsync<TrialDto>();
        var over = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/extension", new { days = 16, version = trial.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("试用期合计不能超过 30 天，最多还能延长 15 天", over.FieldError("days"));
        var endedOn = trial.EndsOn!.Value;
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/extension", new { days = 15, version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Equal((30, 0), (trial.Days, trial.MaxExtraDays));
        Assert.True(trial.EndsOn > endedOn);
    }

    [Fact]
    public async Task R_21_4_the_agency_is_reminded_before_the_end_and_the_center_is_told_after_it()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        var today = ChinaTime.Today(TimeProvider.System);
        async Task<int> RemindAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrialService>().RemindAsync(Ct);
        }
        await app.WithDbAsync(db => db.TrialEnvironments.Where(t => t.Id == trial.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.EndsOn, today.AddDays(2)), Ct));
        await RemindAsync();
        var inbox = await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>();
        Assert.Single(inbox.Items, n => n.Title == $"试用即将结束：{a.Number}");
        await RemindAsync(); // once only
        Assert.Single((await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"试用即将结束：{a.Number}");

        await app.WithDbAsync(db => db.TrialEnvironments.Where(t => t.Id == trial.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.EndsOn, today.AddDays(-1)), Ct));
        await RemindAsync();
        var told = (await (await center.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items.Single(n => n.Title == $"试用期已结束：{a.Number}");
        Assert.Contains("请延长试用期（合计不超过 30 天）或回收资源", told.Body);
        Assert.Equal($"/applications/{a.Id}", told.Link);
    }

    [Fact]
    public async Task R_26_2_an_agency_sees_only_its_own_trials_and_resources()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/applications/{a.Id}/trial", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/result",
            new { result = TrialResult.Passed, version = trial.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/inventory/vms/{trial.Vms[0].Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/systems/{a.SystemId}/resources", Ct)).StatusCode);
        var theirs = await (await health.GetAsync($"/api/v1/inventory/vms?q={trial.Vms[0].HostName}", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(0, theirs.Total);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/trials?pageSize=200", Ct)).ReadAsync<Paged<TrialSummaryDto>>()).Items, t => t.ApplicationId == a.Id);
        // …even naming the other agency in the filter.
        var named = await (await health.GetAsync($"/api/v1/inventory/vms?agencyId={a.OrganisationId}", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(0, named.Total);

        var own = await (await edu.GetAsync($"/api/v1/inventory/vms?q={trial.Vms[0].HostName}", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(trial.Vms[0].Id, Assert.Single(own.Items).Id);
        var resources = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}/resources", Ct)).ReadAsync<SystemResourcesDto>();
        Assert.Equal((2, 8, 16, 900, 0m), (resources.Vms.Count, resources.Vcpu, resources.MemoryGb, resources.StorageGb, resources.MonthlyFee));
    }

    [Fact]
    public async Task R_21_5_the_inventory_filters_sorts_pages_and_exports_what_it_shows()
    {
        var (edu, center, a, trial) = await InTrialAsync();
        var page = await (await center.GetAsync($"/api/v1/inventory/vms?systemId={a.SystemId}&sort=-hostName&pageSize=1", Ct)).ReadAsync<InventoryList>();
        Assert.Equal((2, 1), (page.Total, page.Items.Count));
        Assert.Equal(trial.Vms.Select(v => v.HostName).Max(), page.Items[0].HostName);
        Assert.Equal((8, 16, 900), (page.Vcpu, page.MemoryGb, page.StorageGb));
        var second = await (await center.GetAsync($"/api/v1/inventory/vms?systemId={a.SystemId}&sort=-hostName&pageSize=1&page=2", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(trial.Vms.Select(v => v.HostName).Min(), second.Items[0].HostName);
        var byIp = await (await center.GetAsync($"/api/v1/inventory/vms?q={trial.Vms[1].Ips}&state=Trial&zone=公共网络区", Ct)).ReadAsync<InventoryList>();
        Assert.Equal(trial.Vms[1].Id, Assert.Single(byIp.Items).Id);
        Assert.Equal(0, (await (await center.GetAsync($"/api/v1/inventory/vms?systemId={a.SystemId}&state=Active", Ct)).ReadAsync<InventoryList>()).Total);

        var export = await center.GetAsync($"/api/v1/inventory/vms/export?systemId={a.SystemId}&sort=hostName", Ct);
        Assert.Equal(ExcelExport.ContentType, export.Content.Headers.ContentType?.MediaType);
        var rows = (await new MemoryStream(await export.Content.ReadAsByteArrayAsync(Ct)).QueryAsync(useHeaderRow: true, cancellationToken: Ct))
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(trial.Vms.Select(v => v.HostName).Order(), rows.Select(r => (string)r["主机名"]));
        Assert.All(rows, r => Assert.Equal(("试用", a.SystemName, "市教育局"), ((string)r["状态"], (string)r["信息系统"], (string)r["使用单位"])));
    }
}

public abstract class ReconciliationTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Upload(byte[] bytes, string name) => File(bytes, name);

    [Fact]
    public async Task R_21_5_the_platforms_CSV_export_in_GBK_shows_unregistered_missing_and_drifted_VMs()
    {
        var (edu, center, _, trial) = await app.InTrialAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var db = trial.Vms.Single(v => v.HostName.StartsWith("db-"));
        var shadow = "shadow-" + Guid.NewGuid().ToString("N")[..6];
        var csv = "虚拟机名称,IP地址,CPU(核),内存(GB),磁盘(GB),网络分区\r\n" +
                  $"{web.HostName.ToUpperInvariant()},{web.Ips.Replace(", ", "、")},4,8,100+500,公共网络区\r\n" +
                  $"{db.HostName},{db.Ips},4,16,300,公共网络区\r\n" +
                  $"{shadow},172.31.9.9,2,4,50,互联网区\r\n";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GB18030").GetBytes(csv);

        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostAsync("/api/v1/inventory/reconciliation", Upload(gbk, "平台清单.csv"), Ct)).StatusCode);
        var report = await (await center.PostAsync("/api/v1/inventory/reconciliation", Upload(gbk, "平台清单.csv"), Ct)).ReadAsync<ReconciliationReport>();
        Assert.Equal(3, report.PlatformVms);
        Assert.Equal(shadow, Assert.Single(report.Result.Unregistered).Name);
        var drift = Assert.Single(report.Result.Drifts, d => d.Known.Id == db.Id);
        Assert.Equal(["内存：台账 8 GB，平台 16 GB"], drift.Differences);
        Assert.DoesNotContain(report.Result.Drifts, d => d.Known.Id == web.Id);
        Assert.DoesNotContain(report.Result.Missing, m => m.Id == web.Id || m.Id == db.Id);
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(e => e.Action == "InventoryReconciled" && e.EntityId == "平台清单.csv", Ct)));
    }

    [Fact]
    public async Task R_21_5_a_platform_export_with_bad_cells_is_refused_by_row_and_column()
    {
        var center = await app.SignInAsync("center");
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string, object?> { ["名称"] = "vm-a", ["vCPU"] = "四核", ["内存"] = "8G" },
            new Dictionary<string, object?> { ["名称"] = "vm-a", ["vCPU"] = "4", ["内存"] = "8" },
        }, cancellationToken: Ct);
        var refused = await center.PostAsync("/api/v1/inventory/reconciliation", Upload(xlsx.ToArray(), "清单.xlsx"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using (var body = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("平台清单有误，未比对", body.RootElement.GetProperty("title").GetString());
            var errors = body.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("header").GetString(), e.GetProperty("message").GetString()!)).ToList();
            Assert.Contains((2, "B", "vCPU", "vCPU“四核”应为正整数"), errors);
            Assert.Contains((3, "A", "名称", "“vm-a”在清单中重复出现"), errors);
        }
        var noName = await center.PostAsync("/api/v1/inventory/reconciliation", Upload("a,b\r\n1,2\r\n"u8.ToArray(), "x.csv"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.Contains("找不到名称列", await noName.Content.ReadAsStringAsync(Ct));
    }
}
public sealed class ReconciliationOnSqlite(SqliteApp app) : ReconciliationTests(app), IClassFixture<SqliteApp>;
public sealed class ReconciliationOnPostgres(PostgresApp app) : ReconciliationTests(app), IClassFixture<PostgresApp>;

public sealed class TrialsApiOnSqlite(SqliteApp app) : TrialsApiTests(app), IClassFixture<SqliteApp>;
public sealed class TrialsApiOnPostgres(PostgresApp app) : TrialsApiTests(app), IClassFixture<PostgresApp>;
