using GovCloud.Domain.Work;
using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>Art. 21 (6)(7): changing and terminating what a system holds, on both databases.</summary>
public abstract class ChangesApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PoolDto> PublicPoolAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<PoolDto>>()).Single(p => p.Zone == "公共网络区");

    private static async Task<ChangeDto> GetAsync(HttpClient client, Guid id) => await (await client.GetAsync($"/api/v1/changes/{id}", Ct)).ReadAsync<ChangeDto>();

    private static object NewVm(string system) => new
    {
        no = 0, zone = "公共网络区", vendor = "广西某软件有限公司", systemName = system, subsystemName = "报表", serverType = "APP",
        owners = new[] { new { name = "王五", email = "wangwu@example.com", mobile = "13800000003" } }, vcpu = 2, memoryGb = 4, systemDiskGb = 100, dataDiskGb = 0,
        operatingSystem = "麒麟 V10", clustered = false,
    };

    [Fact]
    public async Task R_21_6_a_resize_and_an_addition_are_evaluated_approved_within_3_working_days_and_carried_out_into_the_inventory_and_pool()
    {
        var (edu, center, a, trial) = await app.LiveAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var db1 = trial.Vms.Single(v => v.HostName.StartsWith("db-"));

        var bad = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "扩容",
            lines = new object[] { new { action = "Resize", vmId = web.Id, to = new { vcpu = 8, memoryGb = 16, systemDiskGb = 100, dataDiskGb = 100 } } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("只能扩容，不能缩小", bad.FieldError("lines[0].to.dataDiskGb"));
        Assert.Equal(0, await app.WithDbAsync(d => d.ChangeRequests.CountAsync(c => c.SystemId == a.SystemId, Ct)));
        Assert.Equal(HttpStatusCode.Forbidden, (await center.PostJsonAsync("/api/v1/changes", new { systemId = a.SystemId, reason = "x", lines = Array.Empty<object>() })).StatusCode);

        var change = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "招生季访问量翻倍",
            lines = new object[]
            {
                new { action = "Resize", vmId = web.Id, to = new { vcpu = 8, memoryGb = 16, systemDiskGb = 100, dataDiskGb = 800 } },
                new { action = "Add", newVm = NewVm(a.SystemName) },
                new { action = "AddService", itemCode = "backup", quantity = 200 },
                new { action = "RemoveService", itemCode = "load-balancer" },
            },
        })).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        Assert.Matches(@"^BG\d{4}-\d{4}$", change.Number);
        Assert.Equal((ChangeState.Submitted, "待评估"), (change.State, change.StateName));
        Assert.Equal(new VmSize(4, 8, 100, 500), change.Lines[0].From);
        await app.AssertToldAsync(WaitingFor.Change(change.State, change.Kind), "edu", change.Number, $"/changes/{change.Id}");
        var second = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "再改", lines = new object[] { new { action = "Remove", vmId = db1.Id } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"该系统已有办理中的变更/终止申请 {change.Number}，办结后再提交", second.FieldError("systemId"));

        // R-20.1: what the change adds, against the pool, before deciding: +4 vCPU for the resize, 2 for the new VM.
        var capacity = await (await center.GetAsync($"/api/v1/changes/{change.Id}/capacity", Ct)).ReadAsync<List<ZoneCapacityDto>>();
        Assert.Equal(("公共网络区", 6, 12, 400), (Assert.Single(capacity).Zone, capacity[0].RequestedVcpu, capacity[0].RequestedMemoryGb, capacity[0].RequestedStorageGb));
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意扩容", version = change.Version })).ReadAsync<ChangeDto>();
        var approval = change.Clocks.Single(c => c.Step == "Approve");
        Assert.Equal((ClockState.Running, 3, "市大数据发展局"), (approval.State, approval.WorkingDaysLeft, approval.OrganisationName));
        await app.AssertToldAsync(WaitingFor.Change(change.State, change.Kind), "edu", change.Number, $"/changes/{change.Id}");

        var bureau = await app.SignInAsync("bureau");
        var before = await PublicPoolAsync(bureau);
        change = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/approve", new { opinion = "同意", version = change.Version, overrideReason = "测试" }))
            .ReadAsync<ChangeDto>();
        Assert.Equal(ChangeState.Approved, change.State);
        var carryOut = change.Clocks.Single(c => c.Step == "CarryOut");
        Assert.Equal((ClockState.Running, 3, "实施变更"), (carryOut.State, carryOut.WorkingDaysLeft, carryOut.StepName));
        await app.AssertToldAsync(WaitingFor.Change(change.State, change.Kind), "edu", change.Number, $"/changes/{change.Id}");
        // Held as reserved until carried out: +4 vCPU, +8 GB, +300 GB for the resize, 2/4/100 for the new VM.
        var held = await PublicPoolAsync(bureau);
        Assert.Equal(before.Reserved + new Resources(6, 12, 400), held.Reserved);
        var changing = await (await edu.GetAsync($"/api/v1/inventory/vms/{web.Id}", Ct)).ReadAsync<VmDetailDto>();
        Assert.Equal(VmState.Changing, changing.Vm.State);

        var missing = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new { version = change.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("变更第 2 项新增虚拟机尚未填写交付信息", missing.FieldError("added"));
        var beyond = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new { version = change.Version, resized = new[] { new { no = 1, vcpu = 12 } } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("实际配置超过批准的配置", beyond.FieldError("resized[1]"));
        var taken = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new
        {
            version = change.Version,
            added = new[] { new { no = 2, hostName = db1.HostName, ips = "10.250.250.250", vcpu = 2, memoryGb = 4, systemDiskGb = 100, dataDiskGb = 0,
                operatingSystem = "麒麟 V10", bastionAccounts = new[] { "wangwu-x" } } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"第 2 台：主机名“{db1.HostName}”已被资源台账中的其他虚拟机使用", taken.FieldError("added[0].hostName"));
        var tag = Guid.NewGuid().ToString("N")[..6];
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new
        {
            version = change.Version,
            added = new[] { new { no = 2, hostName = $"rpt-{tag}", ips = $"10.77.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", vcpu = 2, memoryGb = 4,
                systemDiskGb = 100, dataDiskGb = 0, operatingSystem = "麒麟 V10", bastionAccounts = new[] { "wangwu" + tag } } },
        })).ReadAsync<ChangeDto>();
        Assert.Equal(ChangeState.Completed, change.State);
        Assert.All(change.Clocks, c => Assert.Equal(ClockState.Met, c.State));

        var after = await PublicPoolAsync(bureau);
        Assert.Equal(before.Reserved, after.Reserved);
        Assert.Equal(before.Allocated + new Resources(6, 12, 400), after.Allocated);
        var resources = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}/resources", Ct)).ReadAsync<SystemResourcesDto>();
        Assert.Equal((3, 14, 28), (resources.Vms.Count, resources.Vcpu, resources.MemoryGb));
        // The load balancer given up, 200 GB of backup taken on (0.30 a GB): the services are billed with the VMs.
        Assert.Equal([("backup", VmState.Active), ("load-balancer", VmState.Reclaimed)], resources.Services!.Select(s => (s.ItemCode, s.State)).OrderBy(x => x.ItemCode));
        Assert.Equal(resources.Vms.Sum(v => v.MonthlyFee ?? 0) + 200 * 0.3m, resources.MonthlyFee);
        Assert.All(resources.Vms, v => Assert.Equal(VmState.Active, v.State));
        var history = await (await edu.GetAsync($"/api/v1/inventory/vms/{web.Id}", Ct)).ReadAsync<VmDetailDto>();
        Assert.Equal([VmEventKind.Delivered, VmEventKind.Activated, VmEventKind.Resized], history.History.Select(h => h.Kind));
        Assert.Contains("4 核 / 8 GB / 100 + 500 GB → 8 核 / 16 GB / 100 + 800 GB", history.History[^1].Description);

        var actions = await app.WithDbAsync(d => d.AuditEntries.Where(x => x.EntityId == change.Id.ToString()).OrderBy(x => x.Sequence).Select(x => x.Action).ToListAsync(Ct));
        // (PoolOverridden between evaluation and approval only when the shared test pool was short.)
        Assert.Equal(["ChangeSubmitted", "ChangeEvaluated", "ChangeApproved", "ChangeCompleted"], actions.Where(x => x != "PoolOverridden"));
    }

    [Fact]
    public async Task R_20_1_a_change_beyond_the_pool_is_refused_naming_zone_and_resource_unless_the_bureau_states_why()
    {
        var (edu, center, a, trial) = await app.LiveAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var bureau = await app.SignInAsync("bureau");
        var pool = await PublicPoolAsync(bureau);
        // Far more storage than the zone has free.
        var change = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "归档数据",
            lines = new object[] { new { action = "Resize", vmId = web.Id, to = new { vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 32768 } } },
        })).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意", version = change.Version })).ReadAsync<ChangeDto>();
        await app.WithDbAsync(d => d.NetworkZones.Where(z => z.Name == "公共网络区").ExecuteUpdateAsync(s => s.SetProperty(z => z.CapacityStorageGb, 1000), Ct));
        var refused = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/approve", new { version = change.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("资源池容量不足", refused.Title);
        Assert.Contains("公共网络区", refused.Detail);
        Assert.Contains("存储", refused.Detail);
        Assert.Equal(ChangeState.Evaluated, (await GetAsync(edu, change.Id)).State);
        Assert.Equal(VmState.Active, (await (await edu.GetAsync($"/api/v1/inventory/vms/{web.Id}", Ct)).ReadAsync<VmDetailDto>()).Vm.State);
        await app.WithDbAsync(d => d.NetworkZones.Where(z => z.Name == "公共网络区").ExecuteUpdateAsync(s => s.SetProperty(z => z.CapacityStorageGb, pool.Physical.StorageGb), Ct));
    }

    [Fact]
    public async Task R_21_7_a_termination_needs_evidence_is_approved_within_5_days_and_closes_only_with_the_data_disposal_record()
    {
        var (edu, center, a, trial) = await app.LiveAsync();
        MultipartFormDataContent Form(bool withFile, params (string Name, string Value)[] fields) => ApplicationKit.Form(withFile ? "下线证明.pdf" : null, fields);
        var noEvidence = await (await edu.PostAsync("/api/v1/changes/terminations", Form(false, ("systemId", a.SystemId.ToString()), ("systemOffline", "true")), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请确认数据已迁移或备份", noEvidence.FieldError("dataSecured"));
        Assert.Equal("请上传下线及数据迁移/备份的证明材料", noEvidence.FieldError("evidence"));

        var t = await (await edu.PostAsync("/api/v1/changes/terminations", Form(true, ("systemId", a.SystemId.ToString()), ("systemOffline", "true"),
            ("dataSecured", "true"), ("reason", "业务并入省平台")), Ct)).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        Assert.Matches(@"^ZZ\d{4}-\d{4}$", t.Number);
        // Both VMs and the load balancer go.
        Assert.Equal([ChangeLineAction.Remove, ChangeLineAction.Remove, ChangeLineAction.RemoveService], t.Lines.Select(l => l.Action));
        Assert.Equal("下线及数据迁移/备份证明", Assert.Single(t.Attachments).KindName);
        await app.AssertToldAsync(WaitingFor.Change(t.State, t.Kind), "edu", t.Number, $"/changes/{t.Id}");

        t = await (await center.PostJsonAsync($"/api/v1/changes/{t.Id}/evaluation", new { opinion = "同意终止", version = t.Version })).ReadAsync<ChangeDto>();
        Assert.Equal(5, t.Clocks.Single(c => c.Step == "Approve").WorkingDaysLeft);
        await app.AssertToldAsync(WaitingFor.Change(t.State, t.Kind), "edu", t.Number, $"/changes/{t.Id}");
        var bureau = await app.SignInAsync("bureau");
        var pool = await PublicPoolAsync(bureau);
        t = await (await bureau.PostJsonAsync($"/api/v1/changes/{t.Id}/approve", new { version = t.Version })).ReadAsync<ChangeDto>();
        Assert.Equal("回收资源", t.Clocks.Single(c => c.Step == "CarryOut").StepName);
        await app.AssertToldAsync(WaitingFor.Change(t.State, t.Kind), "edu", t.Number, $"/changes/{t.Id}"); // 回收资源并处置数据
        Assert.All((await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}/resources", Ct)).ReadAsync<SystemResourcesDto>()).Vms,
            v => Assert.Equal(VmState.Reclaiming, v.State));

        var noRecord = await (await center.PostAsync($"/api/v1/changes/{t.Id}/reclaim", Form(false, ("version", t.Version.ToString())), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写数据移交给（接收单位或人员）", noRecord.FieldError("disposal.handedOverTo"));
        Assert.Equal("请上传数据移交及清除证明", noRecord.FieldError("disposal.certificate"));
        // Art. 26: the handover alone does not close it — the wipe is recorded too.
        var today = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        var handoverAlone = await (await center.PostAsync($"/api/v1/changes/{t.Id}/reclaim", Form(true, ("handedOverTo", "市教育局"),
            ("handoverContent", "学籍数据全量导出"), ("handedOverOn", today), ("people", "刘运、黄老师"), ("version", t.Version.ToString())), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写清除方式", handoverAlone.FieldError("disposal.wipeMethod"));
        Assert.Equal("请填写清除日期", handoverAlone.FieldError("disposal.wipedOn"));
        Assert.Equal(ChangeState.Approved, (await GetAsync(edu, t.Id)).State);
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostAsync($"/api/v1/changes/{t.Id}/reclaim", Form(true, ("handedOverTo", "x"),
            ("wipedOn", today), ("people", "x"), ("version", t.Version.ToString())), Ct)).StatusCode);

        t = await (await center.PostAsync($"/api/v1/changes/{t.Id}/reclaim", Form(true, ("handedOverTo", "市教育局"), ("handoverContent", "学籍数据全量导出"),
            ("handedOverOn", today), ("wipeMethod", "云硬盘多次覆写后释放"), ("wipedOn", today), ("people", "刘运、黄老师"), ("version", t.Version.ToString())), Ct))
            .ReadAsync<ChangeDto>();
        Assert.Equal((ChangeState.Completed, "移交后清除", "刘运、黄老师"), (t.State, t.DisposalName, t.DisposalPeople));
        Assert.Equal(("市教育局", "云硬盘多次覆写后释放"), (t.Disposal!.HandedOverTo, t.Disposal.WipeMethod));
        Assert.Equal(2, t.Attachments.Count);
        var resources = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}/resources", Ct)).ReadAsync<SystemResourcesDto>();
        Assert.All(resources.Vms, v => Assert.Equal(VmState.Reclaimed, v.State));
        Assert.Equal((0, 0m), (resources.Vcpu, resources.MonthlyFee));
        Assert.All(resources.Services!, s => Assert.Equal(VmState.Reclaimed, s.State));
        Assert.Contains(t.Lines, l => l.Action == ChangeLineAction.RemoveService && l.ItemCode == "load-balancer");
        Assert.Equal(pool.Allocated - new Resources(8, 16, 900), (await PublicPoolAsync(bureau)).Allocated);
        var system = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal(SystemLifecycle.Offline, system.Lifecycle);
        var history = await (await edu.GetAsync($"/api/v1/inventory/vms/{trial.Vms[0].Id}", Ct)).ReadAsync<VmDetailDto>();
        Assert.Contains("堡垒机账号", history.History[^1].Description);
        Assert.Contains("移交 市教育局（学籍数据全量导出）", history.History[^1].Description);
        Assert.Contains("清除 云硬盘多次覆写后释放", history.History[^1].Description);
    }

    [Fact]
    public async Task R_26_2_while_a_system_is_terminated_its_MLPS_level_cannot_be_lowered_and_no_one_sets_it_offline_by_hand()
    {
        // Found by a hostile test: lowering a level-3 system to level 2 after approval let its data be wiped before the
        // handover; choosing 已下线 took a system out of the migration rate and out of any data handling.
        var (edu, _, a, _) = await app.LiveAsync();
        var system = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}", Ct)).ReadAsync<InfoSystemDto>();
        InfoSystemInput Edit(InfoSystemDto s, int? level, SystemLifecycle? lifecycle = null) => new(null, s.Name, s.Subsystems, s.Vendor, s.VendorContactName,
            s.VendorContactMobile, s.VendorContactEmail, s.Kind, level, s.Location, lifecycle ?? s.Lifecycle, s.Remarks, s.Version);
        system = await (await edu.PutJsonAsync($"/api/v1/systems/{system.Id}", Edit(system, 3))).ReadAsync<InfoSystemDto>();

        var offline = await (await edu.PutJsonAsync($"/api/v1/systems/{system.Id}", Edit(system, 3, SystemLifecycle.Offline))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("“已下线”在终止回收或整合关停的数据处置办结后自动记录，不能直接选择", offline.FieldError("lifecycle"));

        await (await edu.PostAsync("/api/v1/changes/terminations", ApplicationKit.Form("下线证明.pdf", ("systemId", a.SystemId.ToString()), ("systemOffline", "true"),
            ("dataSecured", "true"), ("reason", "业务并入省平台")), Ct)).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        var lowered = await (await edu.PutJsonAsync($"/api/v1/systems/{system.Id}", Edit(system, 2))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("该系统的终止申请正在办理，办结前不能降低等保级别", lowered.FieldError("mlpsLevel"));
        Assert.NotNull((await (await edu.PutJsonAsync($"/api/v1/systems/{system.Id}", Edit(system, null))).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("mlpsLevel"));
        // Raising it is always allowed; the level stays 3 for the handling.
        Assert.Equal(4, (await (await edu.PutJsonAsync($"/api/v1/systems/{system.Id}", Edit(system, 4))).ReadAsync<InfoSystemDto>()).MlpsLevel);
    }

    [Fact]
    public async Task R_21_5_an_elastic_range_approved_by_a_change_lets_the_platform_scale_inside_it_and_refuses_outside()
    {
        var (edu, center, a, trial) = await app.LiveAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var platform = await app.SignInAsync("cloudapi");
        var notElastic = await (await platform.PostJsonAsync($"/api/v1/inventory/vms/{web.Id}/scaling-events", new { vcpu = 8, memoryGb = 16 }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("该系统未经批准弹性调整，调整配置请提交变更申请", notElastic.Detail);

        var bad = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "高峰期弹性", lines = Array.Empty<object>(), elastic = new { minVcpu = 8, maxVcpu = 4, minMemoryGb = 4, maxMemoryGb = 32 },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("下限不大于上限", bad.FieldError("elastic.vcpu"));
        var change = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "高峰期弹性", lines = Array.Empty<object>(), elastic = new { minVcpu = 2, maxVcpu = 16, minMemoryGb = 4, maxMemoryGb = 32 },
        })).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        Assert.Equal("vCPU 2–16 核、内存 4–32 GB", change.Elastic!.ToString());
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意", version = change.Version })).ReadAsync<ChangeDto>();
        var bureau = await app.SignInAsync("bureau");
        change = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/approve", new { version = change.Version })).ReadAsync<ChangeDto>();
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new { version = change.Version })).ReadAsync<ChangeDto>();
        Assert.Equal(ChangeState.Completed, change.State);

        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/inventory/vms/{web.Id}/scaling-events", new { vcpu = 8, memoryGb = 16 })).StatusCode);
        var scaled = await (await platform.PostJsonAsync($"/api/v1/inventory/vms/{web.Id}/scaling-events", new { vcpu = 12, memoryGb = 24, note = "CPU 利用率持续 85%" }))
            .ReadAsync<PlatformVmDto>();
        Assert.Equal((12, 24), (scaled.Vcpu, scaled.MemoryGb));
        Assert.Equal(VmEventKind.Scaled, scaled.LastEvent!.Kind);
        Assert.Contains("4 核 / 8 GB → 12 核 / 24 GB", scaled.LastEvent.Description);
        // The platform finds its VM by host name and reads its facts, but nothing of the agency.
        var found = await (await platform.GetAsync($"/api/v1/inventory/platform/vms?hostName={web.HostName}", Ct)).ReadAsync<Paged<PlatformVmDto>>();
        Assert.Equal(web.Id, Assert.Single(found.Items).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync($"/api/v1/inventory/vms/{web.Id}", Ct)).StatusCode);
        var outside = await (await platform.PostJsonAsync($"/api/v1/inventory/vms/{web.Id}/scaling-events", new { vcpu = 32, memoryGb = 24 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("调整后为 32 核 / 24 GB，超出批准的弹性范围（vCPU 2–16 核、内存 4–32 GB），请提交变更申请", outside.Detail);
        Assert.Equal(12, (await (await edu.GetAsync($"/api/v1/inventory/vms/{web.Id}", Ct)).ReadAsync<VmDetailDto>()).Vm.Vcpu);
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(e => e.Action == "VmScaled" && e.EntityId == web.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task R_26_2_an_agency_sees_and_changes_only_its_own_systems()
    {
        var (edu, center, a, trial) = await app.LiveAsync();
        var health = await app.SignInAsync("health");
        Assert.Contains((await (await edu.GetAsync("/api/v1/inventory/systems", Ct)).ReadAsync<List<HeldSystemDto>>()), s => s.SystemId == a.SystemId && s.Vms == 2);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/inventory/systems", Ct)).ReadAsync<List<HeldSystemDto>>()), s => s.SystemId == a.SystemId);
        var other = await (await health.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "x", lines = new object[] { new { action = "Remove", vmId = trial.Vms[0].Id } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择本单位已上云的信息系统", other.FieldError("systemId"));
        var change = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "缩减", lines = new object[] { new { action = "Remove", vmId = trial.Vms[1].Id } },
        })).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/changes/{change.Id}", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/changes?pageSize=200", Ct)).ReadAsync<Paged<ChangeSummaryDto>>()).Items, c => c.Id == change.Id);
        Assert.Contains((await (await center.GetAsync("/api/v1/changes?state=Submitted&pageSize=200", Ct)).ReadAsync<Paged<ChangeSummaryDto>>()).Items, c => c.Id == change.Id);
        var rejected = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意", version = change.Version })).ReadAsync<ChangeDto>();
        var bureau = await app.SignInAsync("bureau");
        var noReason = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/reject", new { version = rejected.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写不予批准的理由", noReason.FieldError("opinion"));
        rejected = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/reject", new { reason = "该虚拟机仍在使用", version = rejected.Version })).ReadAsync<ChangeDto>();
        Assert.Equal((ChangeState.Rejected, "该虚拟机仍在使用"), (rejected.State, rejected.DecisionOpinion));
        Assert.Equal(VmState.Active, (await (await edu.GetAsync($"/api/v1/inventory/vms/{trial.Vms[1].Id}", Ct)).ReadAsync<VmDetailDto>()).Vm.State);
    }
}

public sealed class ChangesApiOnSqlite(SqliteApp app) : ChangesApiTests(app), IClassFixture<SqliteApp>;
public sealed class ChangesApiOnPostgres(PostgresApp app) : ChangesApiTests(app), IClassFixture<PostgresApp>;
