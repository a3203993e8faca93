using GovCloud.Domain.Work;
using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>R-13.1 evidence, R-16.1 migration plan, data handling and revocation, R-18.1 re-application and Finance, R-A1 stages and reminders, on both databases.</summary>
public abstract class MigrationPlansApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static object Facts(int racks) => new
    {
        extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true, hasCloudPlatform = false, cloudPlatformConforms = false, hasDataInterface = false,
        roomClass = RoomClass.B, areaM2 = 60m, usableRacks = racks, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, cloudExtensionMet = true, mlpsAssessmentPassed = true,
        existingRacks = racks,
    };

    private async Task<InfoSystemDto> SystemAsync(HttpClient edu, string name, int? mlpsLevel = null) =>
        await (await edu.PostJsonAsync("/api/v1/systems", new { name = name + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter, mlpsLevel })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

    private static async Task<DataCenterDto> CentreAsync(HttpClient edu, IEnumerable<Guid> systems, int racks = 8) =>
        await (await edu.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "中心机房" + Guid.NewGuid().ToString("N")[..6], kind = DataCenterKind.SelfBuilt, areaM2 = 60m, existingRacks = racks, usableRacks = racks,
            inServiceSince = "2014-01-01", roomClass = RoomClass.B,
            extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, systemIds = systems,
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);

    /// <summary>Applies, evaluates on site and decides; returns the decision. <paramref name="told"/>: assert at each step that the next person was told.</summary>
    private async Task<CertificationDto> CertifyAsync(HttpClient edu, DataCenterDto centre, bool certified, int racks = 8, bool told = false)
    {
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "五项条件自查均达标" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        if (told) await app.AssertToldAsync(WaitingFor.Certification(cert.State), "edu", cert.Number, $"/datacenters/certifications/{cert.Id}");
        cert = await (await (await app.SignInAsync("center")).PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(racks), surveyDate = Day(Today), surveyPeople = "刘运", opinion = "现场勘查完毕", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        if (told) await app.AssertToldAsync(WaitingFor.Certification(cert.State), "edu", cert.Number, $"/datacenters/certifications/{cert.Id}");
        return await (await (await app.SignInAsync("bureau")).PostJsonAsync($"{url}/{cert.Id}/decision", new { certified, opinion = "依评估意见", version = cert.Version }))
            .ReadAsync<CertificationDto>();
    }

    private static async Task<DataCenterDto> GetCentreAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/datacenters/{id}", Ct)).ReadAsync<DataCenterDto>();

    [Fact]
    public async Task R_16_1_a_certified_centre_s_plan_is_approved_its_systems_migrate_or_shut_down_and_its_revocation_adds_capacity_to_the_pool()
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        var shutDown = await SystemAsync(edu, "旧档案系统", mlpsLevel: 3);
        var centre = await CentreAsync(edu, [a.SystemId, shutDown.Id]);
        Assert.Equal((DataCenterStage.Registered, "待认定"), (centre.Stage, centre.StageName));
        var decision = await CertifyAsync(edu, centre, certified: true, told: true);
        centre = await GetCentreAsync(edu, centre.Id);
        // R-14.2: retained, and its migrate-by date is the decision's migration due date.
        Assert.Equal((DataCenterStage.Retained, decision.RetentionEndsOn, decision.MigrationDueOn), (centre.Stage, centre.RetentionEndsOn, centre.MigrateBy));

        var bureau = await app.SignInAsync("bureau");
        var url = $"/api/v1/datacenters/{centre.Id}/migration-plans";
        // Not yet revocable: no plan.
        var early = await (await edu.PostJsonAsync($"/api/v1/datacenters/{centre.Id}/revocation", new { version = centre.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("迁移计划尚未经大数据局同意；尚有系统未完成迁移或关停：", early.Detail);

        // Every hosted system once, by a date within the deadline.
        var incomplete = await (await edu.PostJsonAsync(url, new
        {
            items = new[] { new { systemId = a.SystemId, disposition = PlanDisposition.Migrate, targetDate = Day(centre.MigrateBy!.Value.AddDays(1)) } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"计划完成日期晚于迁移期限 {Day(centre.MigrateBy!.Value)}", incomplete.FieldError("items[0].targetDate"));
        Assert.Equal($"《{shutDown.Name}》未列入迁移计划", incomplete.FieldError("items"));
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.PostJsonAsync(url, new { items = Array.Empty<object>() })).StatusCode);
        var body = new
        {
            note = "分两批完成",
            items = new object[]
            {
                new { systemId = a.SystemId, disposition = PlanDisposition.Migrate, targetDate = Day(Today.AddDays(30)), milestones = "试用通过后正式开通" },
                new { systemId = shutDown.Id, disposition = PlanDisposition.ShutDown, targetDate = Day(Today.AddDays(10)) },
            },
        };
        var plan = await (await edu.PostJsonAsync(url, body)).ReadAsync<MigrationPlanDto>(HttpStatusCode.Created);
        Assert.Matches(@"^QY\d{4}-\d{4}$", plan.Number);
        Assert.Equal((MigrationPlanState.Submitted, "待审核", 0, 2), (plan.State, plan.StateName, plan.Done, plan.Total));
        Assert.Equal(("Review", 5), (Assert.Single(plan.Clocks).Step, plan.Clocks[0].WorkingDaysLeft));
        // The system being migrated shows its resource application.
        Assert.Equal(a.Number, plan.Items.Single(i => i.SystemId == a.SystemId).Application!.Number);
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PostJsonAsync(url, new { items = Array.Empty<object>() })).StatusCode);
        var told = (await (await bureau.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items.Single(n => n.Title == $"待审核迁移计划：{plan.Number}");
        Assert.Equal($"/datacenters/plans/{plan.Id}", told.Link);
        await app.AssertToldAsync(WaitingFor.MigrationPlan(plan.State), "edu", plan.Number, $"/datacenters/plans/{plan.Id}");

        var unexplained = await (await bureau.PostJsonAsync($"{url}/{plan.Id}/review", new { approve = false, version = plan.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("退回理由不能为空", unexplained.FieldError("opinion"));
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"{url}/{plan.Id}/review", new { approve = true, version = plan.Version })).StatusCode);
        // Returned with a reason: the agency is told to make a new one, which the Bureau reviews again.
        var returned = await (await bureau.PostJsonAsync($"{url}/{plan.Id}/review", new { approve = false, opinion = "请补充关停系统的数据归档安排", version = plan.Version }))
            .ReadAsync<MigrationPlanDto>();
        Assert.Equal(MigrationPlanState.Returned, returned.State);
        await app.AssertToldAsync(WaitingFor.MigrationPlan(returned.State), "edu", returned.Number, $"/datacenters/plans/{returned.Id}");
        plan = await (await edu.PostJsonAsync(url, body)).ReadAsync<MigrationPlanDto>(HttpStatusCode.Created);
        await app.AssertToldAsync(WaitingFor.MigrationPlan(plan.State), "edu", plan.Number, $"/datacenters/plans/{plan.Id}");
        Assert.DoesNotContain(await (await edu.GetAsync("/api/v1/work", Ct)).ReadAsync<List<Features.Work.WorkItemDto>>(), w => w.Number == returned.Number);
        plan = await (await bureau.PostJsonAsync($"{url}/{plan.Id}/review", new { approve = true, opinion = "同意", version = plan.Version })).ReadAsync<MigrationPlanDto>();
        Assert.Equal(MigrationPlanState.Approved, plan.State);
        Assert.All(plan.Clocks, c => Assert.Equal(GovCloud.Domain.Clocks.ClockState.Met, c.State));

        // R-16.1: the MLPS level 3 system's data is archived before it is wiped; the record needs its certificate.
        var item = plan.Items.Single(i => i.SystemId == shutDown.Id);
        var handlingUrl = $"{url}/{plan.Id}/items/{item.Id}/data-handling";
        (string, string)[] Record(DateOnly handedOverOn, DateOnly wipedOn) =>
        [
            ("handedOverTo", "市档案馆"), ("handoverContent", "档案数据全量"), ("handedOverOn", Day(handedOverOn)), ("wipeMethod", "物理销毁硬盘"),
            ("wipedOn", Day(wipedOn)), ("people", "黄老师、刘运"),
        ];
        var wipedFirst = await (await edu.PostAsync(handlingUrl, Form("证明.pdf", Record(Today, Today.AddDays(-1))), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("该系统为等保第3级，数据须先移交归档再清除", wipedFirst.FieldError("disposal.wipedOn"));
        var noFile = await (await edu.PostAsync(handlingUrl, Form(null, Record(Today.AddDays(-1), Today)), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请上传数据移交及清除证明", noFile.FieldError("disposal.certificate"));
        var migrateItem = plan.Items.Single(i => i.SystemId == a.SystemId);
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PostAsync($"{url}/{plan.Id}/items/{migrateItem.Id}/data-handling",
            Form("证明.pdf", Record(Today, Today)), Ct)).StatusCode);
        plan = await (await edu.PostAsync(handlingUrl, Form("移交清除证明.pdf", Record(Today.AddDays(-1), Today)), Ct)).ReadAsync<MigrationPlanDto>();
        Assert.Equal(("市档案馆", "物理销毁硬盘"), (plan.Items.Single(i => i.Id == item.Id).Disposal!.HandedOverTo, plan.Items.Single(i => i.Id == item.Id).Disposal!.WipeMethod));
        Assert.Equal((1, 2, 50), (plan.Done, plan.Total, plan.ProgressPercent));
        Assert.Equal(SystemLifecycle.Offline, (await (await edu.GetAsync($"/api/v1/systems/{shutDown.Id}", Ct)).ReadAsync<InfoSystemDto>()).Lifecycle);
        var certificate = await edu.GetAsync($"{handlingUrl.Replace("/data-handling", "/certificate")}", Ct);
        Assert.Equal(Pdf, await certificate.Content.ReadAsByteArrayAsync(Ct));

        // The other agency sees none of it: the centre is "not found", its plans too.
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"{handlingUrl.Replace("/data-handling", "/certificate")}", Ct)).StatusCode);

        // The migrating system goes into formal use through its trial.
        var officer = await app.SignInAsync("edusec");
        var trialUrl = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{trialUrl}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        await (await center.PostJsonAsync($"{trialUrl}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        plan = (await (await edu.GetAsync(url, Ct)).ReadAsync<List<MigrationPlanDto>>()).Single(p => p.Id == plan.Id);
        Assert.Equal((2, 100), (plan.Done, plan.ProgressPercent));

        // Art. 16(三): the agency revokes its centre and hands over its equipment; (四) the Bureau confirms and pools it.
        var zone = await (await bureau.PostJsonAsync("/api/v1/zones", new
        {
            name = "统筹分区" + Guid.NewGuid().ToString("N")[..4], serverTypes = Enum.GetValues<ServerType>(), osImages = new[] { "麒麟 V10" },
            capacityVcpu = 100, capacityMemoryGb = 400, capacityStorageGb = 10000,
        })).ReadAsync<Features.Catalog.NetworkZoneDto>(HttpStatusCode.Created);
        centre = await GetCentreAsync(bureau, centre.Id);
        var revokeUrl = $"/api/v1/datacenters/{centre.Id}/revocation";
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.PostJsonAsync(revokeUrl, new { version = centre.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("health")).PostJsonAsync(revokeUrl, new { version = centre.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bureau.PostJsonAsync($"{revokeUrl}/confirmation", new { zoneId = zone.Id, version = centre.Version })).StatusCode);
        var bad = await (await edu.PostJsonAsync(revokeUrl, new
        {
            version = centre.Version,
            equipment = new object[] { new { kind = EquipmentKind.Server, model = "", quantity = 0, vcpu = 32 }, new { kind = EquipmentKind.Server, model = "浪潮", quantity = 1, vcpu = 32 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写设备名称型号", bad.FieldError("equipment[0].model"));
        Assert.Equal("数量须为 1 至 10000", bad.FieldError("equipment[0].quantity"));
        Assert.Equal("撤销情况（撤除的设施、设备去向）不能为空", bad.FieldError("note"));
        Assert.Equal(DataCenterStage.Retained, (await GetCentreAsync(bureau, centre.Id)).Stage); // nothing changed
        var revoked = await (await edu.PostJsonAsync(revokeUrl, new
        {
            officeRoomRemains = true, note = "机房撤除，服务器与防火墙移交市政务云", version = centre.Version,
            equipment = new object[]
            {
                new { kind = EquipmentKind.Server, model = "华为 2288H V5", quantity = 4, vcpu = 64, memoryGb = 256, storageGb = 4000 },
                new { kind = EquipmentKind.Security, model = "防火墙", quantity = 1 },
            },
        })).ReadAsync<RevocationDto>();
        Assert.Equal((256, 1024, 16000, false, true), (revoked.Vcpu, revoked.MemoryGb, revoked.StorageGb, revoked.Confirmed, revoked.OfficeRoomRemains));
        Assert.Equal(("Confirm", 5), (Assert.Single(revoked.Clocks).Step, revoked.Clocks[0].WorkingDaysLeft));
        Assert.Equal(DataCenterStage.Revoked, (await GetCentreAsync(edu, centre.Id)).Stage);
        Assert.Equal(new Resources(100, 400, 10000), (await (await bureau.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<PoolDto>>()).Single(p => p.ZoneId == zone.Id).Physical);
        await app.AssertToldAsync(WaitingFor.Revocation(revoked.Confirmed), "edu", centre.Name, $"/datacenters/{centre.Id}");
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PostJsonAsync(revokeUrl, new { version = revoked.Clocks.Count + centre.Version })).StatusCode);

        centre = await GetCentreAsync(bureau, centre.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"{revokeUrl}/confirmation", new { zoneId = zone.Id, version = centre.Version })).StatusCode);
        var noZone = await (await bureau.PostJsonAsync($"{revokeUrl}/confirmation", new { version = centre.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择设备容量纳入的资源池网络分区", noZone.FieldError("zoneId"));
        var confirmed = await (await bureau.PostJsonAsync($"{revokeUrl}/confirmation", new { zoneId = zone.Id, opinion = "设备纳入统筹分区", version = centre.Version }))
            .ReadAsync<RevocationDto>();
        Assert.Equal((true, zone.Name, "bureau"), (confirmed.Confirmed, confirmed.ZoneName, confirmed.ConfirmedBy));
        Assert.All(confirmed.Clocks, c => Assert.Equal(GovCloud.Domain.Clocks.ClockState.Met, c.State));
        var pool = (await (await bureau.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<PoolDto>>()).Single(p => p.ZoneId == zone.Id);
        Assert.Equal(new Resources(356, 1424, 26000), pool.Physical);
        var history = await (await bureau.GetAsync($"/api/v1/pools/{zone.Id}/capacity-changes", Ct)).ReadAsync<List<CapacityChangeDto>>();
        Assert.Contains(history, h => h.Source == CapacitySource.RevokedDataCenter && h.Vcpu == 256 && h.Note == $"撤销“{centre.Name}”数据中心");
        Assert.Contains((await (await edu.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"撤销已确认：{centre.Name}");
        Assert.Equal(HttpStatusCode.Conflict, (await bureau.PostJsonAsync($"{revokeUrl}/confirmation", new { zoneId = zone.Id, version = centre.Version + 1 })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataCenterRevoked" && e.EntityId == centre.Id.ToString(), Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataCenterRevocationConfirmed" && e.EntityId == centre.Id.ToString(), Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataHandlingRecorded" && e.EntityId == plan.Id.ToString(), Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", new { name = "改名", version = centre.Version + 1 })).StatusCode);
    }

    [Fact]
    public async Task R_17_1_a_centre_holding_sensitive_data_applies_without_the_self_check_and_the_Bureau_decides_within_5_working_days()
    {
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "应急指挥机房" + Guid.NewGuid().ToString("N")[..6], kind = DataCenterKind.SelfBuilt, areaM2 = 60m, existingRacks = 8, usableRacks = 8,
            inServiceSince = "2012-01-01", roomClass = RoomClass.B,
            holdsSensitiveData = true,
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        Assert.True(cert.Sensitive);
        var early = await (await edu.PostJsonAsync($"/api/v1/datacenters/{centre.Id}/migration-plans", new { items = Array.Empty<object>() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("该数据中心的认定申请正在办理，作出认定后再提交迁移计划", early.Detail);
        cert = await (await (await app.SignInAsync("center")).PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(8), surveyDate = Day(Today), surveyPeople = "刘运", opinion = "达标", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        Assert.Equal(5, cert.Clocks.Single(c => c.Step == "Decide").WorkingDaysLeft);
        // An ordinary centre still needs its self-check.
        var ordinary = await CentreAsync(edu, []);
        Assert.Equal("自查报告不能为空", (await (await edu.PostJsonAsync($"/api/v1/datacenters/{ordinary.Id}/certifications", new { }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("selfCheck"));
    }

    [Fact]
    public async Task R_13_1_evidence_is_filed_per_criterion_before_the_evaluation_and_another_agency_cannot_read_it()
    {
        var edu = await app.SignInAsync("edu");
        var centre = await CentreAsync(edu, []);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "自查" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        var noCriterion = await (await edu.PostAsync($"{url}/{cert.Id}/evidence", Form("机房照片.pdf"), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择佐证材料对应的认定条件", noCriterion.FieldError("criterion"));
        var evidence = await (await edu.PostAsync($"{url}/{cert.Id}/evidence", Form("等保测评报告.pdf", ("criterion", "Security")), Ct)).ReadAsync<EvidenceDto>();
        Assert.Equal((Criterion.Security, "安全条件", "等保测评报告.pdf"), (evidence.Criterion, evidence.CriterionName, evidence.FileName));
        cert = (await (await edu.GetAsync(url, Ct)).ReadAsync<List<CertificationDto>>()).Single();
        Assert.Equal(evidence.Id, Assert.Single(cert.Evidence).Id);
        var download = $"{url}/{cert.Id}/evidence/{evidence.Id}";
        Assert.Equal(Pdf, await (await (await app.SignInAsync("center")).GetAsync(download, Ct)).Content.ReadAsByteArrayAsync(Ct));
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(download, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsync($"{url}/{cert.Id}/evidence", Form("x.pdf", ("criterion", "Scale")), Ct)).StatusCode);

        var evaluated = await (await (await app.SignInAsync("center")).PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(8), surveyDate = Day(Today), surveyPeople = "刘运", opinion = "达标", version = cert.Version,
            technicalReview = "邀请张教授、李工评审：机房供配电与制冷满足 B 级要求",
        })).ReadAsync<CertificationDto>();
        Assert.Equal("邀请张教授、李工评审：机房供配电与制冷满足 B 级要求", evaluated.TechnicalReview); // R-14.1: the optional expert review
        var late = await (await edu.PostAsync($"{url}/{cert.Id}/evidence", Form("补充.pdf", ("criterion", "Scale")), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("评估开始后不能再补充佐证材料", late.Detail);
    }

    [Fact]
    public async Task R_18_1_a_re_application_comes_after_retention_ends_and_Finance_funds_nothing_until_a_new_certification()
    {
        // Art. 18: 保留期满后，市财政局不再安排…运维资金，因特殊情况仍需暂时保留的，需再次提出自建数据中心的认定申请.
        var edu = await app.SignInAsync("edu");
        var hosted = await SystemAsync(edu, "应急调度系统");
        var centre = await CentreAsync(edu, [hosted.Id]);
        var first = await CertifyAsync(edu, centre, certified: true);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        // Art. 14(五): during retention its system counts as (temporarily) migrated.
        async Task<InfoSystemDto> HostedAsync() => await (await edu.GetAsync($"/api/v1/systems/{hosted.Id}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal((true, (SystemLocation?)SystemLocation.CertifiedDataCenter), ((await HostedAsync()).Migrated, (await HostedAsync()).VerifiedLocation));
        var during = await (await edu.PostJsonAsync(url, new { selfCheck = "特殊情况，再次申请认定" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith($"保留期至 {Day(first.RetentionEndsOn!.Value)}，保留期内不需再次申请", during.FieldError("dataCenterId"));

        // Retention is over (arranged in the database: two years cannot pass in a test); the migration due date stands.
        var dueOn = Today.AddDays(300);
        await app.WithDbAsync(db => db.DataCenters.Where(d => d.Id == centre.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetentionEndsOn, Today.AddDays(-1)).SetProperty(d => d.MigrateBy, dueOn), Ct));
        var finance = await app.SignInAsync("finance");
        async Task<bool> UnfundedAsync() =>
            (await (await finance.GetAsync("/api/v1/datacenters?fundingStopped=true&pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items.Any(d => d.Id == centre.Id);
        Assert.True(await UnfundedAsync());
        Assert.Equal(DataCenterStage.Migrating, (await GetCentreAsync(edu, centre.Id)).Stage);
        // From the day after retention ends it counts as not migrated.
        Assert.Equal((false, (SystemLocation?)SystemLocation.UncertifiedDataCenter), ((await HostedAsync()).Migrated, (await HostedAsync()).VerifiedLocation));

        // Re-applied: linked to the certification it follows, the centre awaits re-certification and is still not funded.
        var again = await (await edu.PostJsonAsync(url, new { selfCheck = "承载应急系统，因特殊情况仍需暂时保留" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        Assert.Equal(first.Id, again.PreviousId);
        var waiting = await GetCentreAsync(edu, centre.Id);
        Assert.Equal((DataCenterStage.Certifying, "重新认定中", true), (waiting.Stage, waiting.StageName, waiting.FundingStopped));
        Assert.True(await UnfundedAsync());
        await app.WithDbAsync(db => db.Certifications.Where(c => c.Id == again.Id).ExecuteDeleteAsync(Ct));
        await app.WithDbAsync(db => db.DataCenters.Where(d => d.Id == centre.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Certifying, false), Ct));

        // Refused: no transition of its own — the old migration due date stands, funding stays stopped.
        var refused = await CertifyAsync(edu, centre, certified: false);
        Assert.Equal((first.Id, (DateOnly?)dueOn, (DateOnly?)null), (refused.PreviousId!.Value, refused.MigrationDueOn, refused.TransitionEndsOn));
        var afterRefusal = await GetCentreAsync(edu, centre.Id);
        Assert.Equal((CertificationState.NotCertified, (DateOnly?)dueOn, true), (afterRefusal.Decision, afterRefusal.MigrateBy, afterRefusal.FundingStopped));
        // Certified on a new application: a new retention, funded again.
        var renewed = await CertifyAsync(edu, centre, certified: true);
        var retained = await GetCentreAsync(edu, centre.Id);
        Assert.Equal((DataCenterStage.Retained, renewed.RetentionEndsOn, false), (retained.Stage, retained.RetentionEndsOn, retained.FundingStopped));
        Assert.False(await UnfundedAsync());
    }

    [Fact]
    public async Task R_A1_the_agency_and_the_Bureau_are_reminded_before_a_transition_ends_once_and_told_when_it_is_overdue()
    {
        var edu = await app.SignInAsync("edu");
        var centre = await CentreAsync(edu, [], racks: 4);
        var decision = await CertifyAsync(edu, centre, certified: false, racks: 4);
        // R-15.1: ≤ 5 racks → the transition ends a year on; it is the centre's migrate-by date.
        Assert.Equal(decision.TransitionEndsOn, (await GetCentreAsync(edu, centre.Id)).MigrateBy);
        async Task RemindAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DataCenterService>().RemindAsync(Ct);
        }
        await app.WithDbAsync(db => db.DataCenters.Where(d => d.Id == centre.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.MigrateBy, Today.AddDays(90)), Ct));
        await RemindAsync();
        await RemindAsync();
        var bureau = await app.SignInAsync("bureau");
        foreach (var client in new[] { edu, bureau })
        {
            var inbox = await (await client.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>();
            var told = Assert.Single(inbox.Items, n => n.Title == $"迁移期限即将届满：{centre.Name}");
            Assert.Equal($"/datacenters/{centre.Id}", told.Link);
        }
        var overview = await (await bureau.GetAsync("/api/v1/datacenters/overview", Ct)).ReadAsync<DataCenterOverview>();
        Assert.Contains(overview.Attention, d => d.Id == centre.Id);
        Assert.True(overview.EndingSoon >= 1);
        Assert.Contains((await (await bureau.GetAsync("/api/v1/datacenters?endingWithinDays=90&pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items,
            d => d.Id == centre.Id);

        await app.WithDbAsync(db => db.DataCenters.Where(d => d.Id == centre.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.MigrateBy, Today.AddDays(-1)), Ct));
        await RemindAsync();
        Assert.Single((await (await edu.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"迁移已逾期：{centre.Name}");
        Assert.Contains((await (await bureau.GetAsync("/api/v1/datacenters?overdue=true&pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items,
            d => d.Id == centre.Id);
        // Another agency's overview does not count it.
        var health = await (await (await app.SignInAsync("health")).GetAsync("/api/v1/datacenters/overview", Ct)).ReadAsync<DataCenterOverview>();
        Assert.DoesNotContain(health.Attention, d => d.Id == centre.Id);
    }
}

public sealed class MigrationPlansApiOnSqlite(SqliteApp app) : MigrationPlansApiTests(app), IClassFixture<SqliteApp>;
public sealed class MigrationPlansApiOnPostgres(PostgresApp app) : MigrationPlansApiTests(app), IClassFixture<PostgresApp>;
