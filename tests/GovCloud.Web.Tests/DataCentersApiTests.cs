using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>R-4.1, R-12.1, R-19.1: the register of agencies' data centres and the violations, on both databases.</summary>
public abstract class DataCentersApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A centre in use since before the rules (2021-01-01 by default), its lease begun before them: nothing R-4.1 would find.</summary>
    private static object Centre(string name, DataCenterKind kind = DataCenterKind.SelfBuilt, IEnumerable<Guid>? systems = null, string? leaseEnd = null,
        decimal area = 45.5m, int existing = 5, int usable = 5, string inServiceSince = "2016-05-01", string leaseStart = "2020-01-01") => new
    {
        name, kind, address = "柳州市城中区", areaM2 = area, existingRacks = existing, usableRacks = usable, roomClass = RoomClass.B, extranetConnected = true,
        usesExtranetInternetExit = true, supportsIpv6 = false, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, hasCloudPlatform = false, holdsSensitiveData = false,
        inServiceSince = kind == DataCenterKind.SelfBuilt ? inServiceSince : null,
        lessor = kind == DataCenterKind.Leased ? "某 IDC 公司" : null, leaseStart = kind == DataCenterKind.Leased ? leaseStart : null,
        leaseEnd = kind == DataCenterKind.Leased ? leaseEnd ?? "2027-06-30" : null, systemIds = systems ?? [],
    };

    [Fact]
    public async Task R_12_1_an_agency_registers_its_self_built_centre_with_the_systems_it_hosts()
    {
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "机房系统" + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var name = "教育局机房" + Guid.NewGuid().ToString("N")[..6];
        var bad = await (await edu.PostJsonAsync("/api/v1/datacenters", new { name, areaM2 = -1, usableRacks = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择自建或租用第三方", bad.FieldError("kind"));
        Assert.Equal("面积须为 0 至 100000 平方米", bad.FieldError("areaM2"));
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre(name, systems: [system.Id]))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        Assert.Equal(("自建", "B 级", 45.5m, 5), (centre.KindName, centre.RoomClassName, centre.AreaM2, centre.UsableRacks));
        Assert.Equal(system.Id, Assert.Single(centre.Systems).Id);
        var twice = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre(name))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"本单位已登记名为“{name}”的数据中心", twice.FieldError("name"));

        var export = await edu.GetAsync("/api/v1/datacenters/export", Ct);
        Assert.Equal(ExcelExport.ContentType, export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataCenterRegistered" && e.EntityId == centre.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task R_26_2_an_agency_sees_and_changes_only_its_own_centres()
    {
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("机房" + Guid.NewGuid().ToString("N")[..6]))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/datacenters/{centre.Id}/certifications", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/datacenters/{centre.Id}/migration-plans", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/datacenters?pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items, d => d.Id == centre.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", Centre("改名"))).StatusCode);
        var theirs = await (await health.PostJsonAsync("/api/v1/datacenters", new { organisationId = centre.OrganisationId, name = "x", kind = DataCenterKind.SelfBuilt,
            areaM2 = 1, usableRacks = 1 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("所属单位不存在或不在您的权限范围内", theirs.FieldError("organisationId"));
        var bureau = await app.SignInAsync("bureau");
        Assert.Contains((await (await bureau.GetAsync("/api/v1/datacenters?pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items, d => d.Id == centre.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).PostJsonAsync("/api/v1/datacenters", Centre("y"))).StatusCode);
    }

    [Fact]
    public async Task R_19_1_extending_a_lease_is_refused_and_recorded_as_a_violation()
    {
        var edu = await app.SignInAsync("edu");
        var noLease = await (await edu.PostJsonAsync("/api/v1/datacenters", new { name = "租用机房", kind = DataCenterKind.Leased, areaM2 = 20, usableRacks = 4 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("出租方不能为空", noLease.FieldError("lessor"));
        Assert.Equal("请填写租用合约的起止日期", noLease.FieldError("leaseEnd"));
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("租用机房" + Guid.NewGuid().ToString("N")[..6], DataCenterKind.Leased)))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var refused = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(centre.Name, DataCenterKind.Leased, leaseEnd: "2028-06-30"),
            centre.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("租用合约期不得延长（原至 2027-06-30，拟至 2028-06-30），已记为违规事项", refused.Detail);
        Assert.Equal(new DateOnly(2027, 6, 30), (await (await edu.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).ReadAsync<DataCenterDto>()).LeaseEnd);
        var violations = await (await (await app.SignInAsync("bureau")).GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>();
        var v = Assert.Single(violations, x => x.DataCenterId == centre.Id);
        Assert.Equal((ViolationKind.LeaseExtension, "延长租用合约"), (v.Kind, v.KindName));
        // Ending earlier is allowed.
        var shorter = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(centre.Name, DataCenterKind.Leased, leaseEnd: "2027-03-31"), centre.Version)))
            .ReadAsync<DataCenterDto>();
        Assert.Equal(new DateOnly(2027, 3, 31), shorter.LeaseEnd);
    }

    [Fact]
    public async Task R_4_1_the_bureau_records_a_purchase_of_third_party_cloud_services()
    {
        var edu = await app.SignInAsync("edu");
        var me = await (await edu.GetAsync("/api/v1/me", Ct)).ReadAsync<MeBody>();
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/datacenters/violations", new { organisationId = me.OrganisationId,
            kind = ViolationKind.ThirdPartyCloudPurchase, occurredOn = "2026-05-01", description = "x" })).StatusCode);
        var bureau = await app.SignInAsync("bureau");
        var missing = await (await bureau.PostJsonAsync("/api/v1/datacenters/violations", new { organisationId = me.OrganisationId })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择违规类型", missing.FieldError("kind"));
        Assert.Equal("情况说明不能为空", missing.FieldError("description"));
        var recorded = await (await bureau.PostJsonAsync("/api/v1/datacenters/violations", new
        {
            organisationId = me.OrganisationId, kind = ViolationKind.ThirdPartyCloudPurchase, occurredOn = "2026-05-01", description = "采购某公有云主机 3 台",
            followUp = "已约谈，限期迁回政务云",
        })).ReadAsync<ViolationDto>(HttpStatusCode.Created);
        Assert.Equal(("购买第三方云服务", false), (recorded.KindName, recorded.Resolved));
        Assert.Contains((await (await edu.GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()), x => x.Id == recorded.Id);
        Assert.DoesNotContain((await (await (await app.SignInAsync("health")).GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()),
            x => x.Id == recorded.Id);

        // The Bureau files the evidence and follows it up until it is put right; the agency reads both, another agency neither.
        var url = $"/api/v1/datacenters/violations/{recorded.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PutJsonAsync(url, new { followUp = "x", resolved = true, version = recorded.Version })).StatusCode);
        var noFile = await (await bureau.PostAsync($"{url}/evidence", ApplicationKit.Form(null, ("version", recorded.Version.ToString())), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择要上传的文件", noFile.FieldError("file"));
        var withEvidence = await (await bureau.PostAsync($"{url}/evidence", ApplicationKit.Form("采购合同.pdf", ("version", recorded.Version.ToString())), Ct))
            .ReadAsync<ViolationDto>();
        Assert.Equal("采购合同.pdf", withEvidence.EvidenceName);
        Assert.Equal("跟进情况不能为空", (await (await bureau.PutJsonAsync(url, new { followUp = " ", version = withEvidence.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("followUp"));
        Assert.Equal(HttpStatusCode.Conflict, (await bureau.PutJsonAsync(url, new { followUp = "已迁回", resolved = true, version = recorded.Version })).StatusCode);
        var closed = await (await bureau.PutJsonAsync(url, new { followUp = "已迁回政务云，合同已终止", resolved = true, version = withEvidence.Version })).ReadAsync<ViolationDto>();
        Assert.Equal((true, "已迁回政务云，合同已终止"), (closed.Resolved, closed.FollowUp));
        Assert.Equal(ApplicationKit.Pdf, await (await edu.GetAsync($"{url}/evidence", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("health")).GetAsync($"{url}/evidence", Ct)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "ViolationFollowedUp" && e.EntityId == recorded.Id.ToString(), Ct)));
    }

    private static object Facts(decimal area, int racks, int? existing = null) => new
    {
        extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true, hasCloudPlatform = false, cloudPlatformConforms = false, hasDataInterface = false,
        roomClass = RoomClass.B, areaM2 = area, usableRacks = racks, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, cloudExtensionMet = true, mlpsAssessmentPassed = true,
        existingRacks = existing ?? racks,
    };

    [Fact]
    public async Task R_14_1_a_5_rack_centre_is_evaluated_on_site_fails_the_scale_criterion_and_gets_a_1_year_transition()
    {
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "机房系统" + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("五柜机房" + Guid.NewGuid().ToString("N")[..6], systems: [system.Id])))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        Assert.Equal("自查报告不能为空", (await (await edu.PostJsonAsync(url, new { })).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("selfCheck"));
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "机房面积 45 平方米，可用机柜 5 个，已通过等保三级测评。" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        Assert.Matches(@"^RD\d{4}-\d{4}$", cert.Number);
        var evaluation = Assert.Single(cert.Clocks);
        Assert.Equal(("Evaluate", 15), (evaluation.Step, evaluation.WorkingDaysLeft));
        var center0 = await app.SignInAsync("center");
        var told = (await (await center0.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<GovCloud.Web.Features.Inbox.InboxList>()).Items.Single(n => n.Title == $"待现场评估：{cert.Number}");
        Assert.Equal($"/datacenters/certifications/{cert.Id}", told.Link);
        Assert.Equal("该数据中心已有办理中的认定申请", (await (await edu.PostJsonAsync(url, new { selfCheck = "再次" })).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("dataCenterId"));

        var center = await app.SignInAsync("center");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"{url}/{cert.Id}/evaluation", new { version = cert.Version })).StatusCode);
        var noSurvey = await (await center.PostJsonAsync($"{url}/{cert.Id}/evaluation", new { facts = Facts(45.5m, 5), opinion = "面积达标，机柜不足", version = cert.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写现场勘查日期", noSurvey.FieldError("surveyDate"));
        var today = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        cert = await (await center.PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(45.5m, 5), surveyDate = today, surveyPeople = "刘运、王工", opinion = "面积达标，可用机柜不足", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        var scale = cert.Criteria.Single(c => c.Criterion == Criterion.Scale);
        Assert.Equal((false, "可用机柜 5 个，不足 6 个"), (scale.Passed, Assert.Single(scale.Failures)));
        Assert.Equal(5, cert.Clocks.Single(c => c.Step == "Decide").WorkingDaysLeft);

        var bureau = await app.SignInAsync("bureau");
        var unexplained = await (await bureau.PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = true, version = cert.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("规模条件未达标，如仍通过认定请说明理由", unexplained.FieldError("opinion"));
        cert = await (await bureau.PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = false, opinion = "可用机柜不足 6 个", version = cert.Version }))
            .ReadAsync<CertificationDto>();
        Assert.Equal((CertificationState.NotCertified, "未通过认定"), (cert.State, cert.StateName));
        // R-15.1: ≤ 5 racks → 1 year from the decision, by the period rules (a non-working day rolls to the next working day).
        var decided = cert.DecidedOn!.Value;
        Assert.InRange(cert.TransitionEndsOn!.Value, decided.AddYears(1), decided.AddYears(1).AddDays(10));
        Assert.Null(cert.RetentionEndsOn);
        Assert.All(cert.Clocks, c => Assert.Equal(GovCloud.Domain.Clocks.ClockState.Met, c.State));
        var again = await (await bureau.PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = true, opinion = "x", version = cert.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("认定申请当前为“未通过认定”，不能认定", again.Detail);
    }

    [Fact]
    public async Task R_14_2_a_certified_centre_is_retained_2_years_and_its_systems_count_as_migrated()
    {
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "保留系统" + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("合格机房" + Guid.NewGuid().ToString("N")[..6], systems: [system.Id])))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "各项条件均已达标" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        var center = await app.SignInAsync("center");
        cert = await (await center.PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(40m, 6), surveyDate = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), surveyPeople = "刘运", opinion = "五项条件均达标", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        Assert.All(cert.Criteria, c => Assert.True(c.Passed));
        var bureau = await app.SignInAsync("bureau");
        cert = await (await bureau.PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = true, version = cert.Version })).ReadAsync<CertificationDto>();
        Assert.Equal(CertificationState.Certified, cert.State);
        var decided = cert.DecidedOn!.Value;
        Assert.InRange(cert.RetentionEndsOn!.Value, decided.AddYears(2), decided.AddYears(2).AddDays(10));
        Assert.InRange(cert.MigrationDueOn!.Value, cert.RetentionEndsOn.Value.AddYears(1), cert.RetentionEndsOn.Value.AddYears(1).AddDays(10));
        var registered = await (await edu.GetAsync($"/api/v1/systems/{system.Id}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal(SystemLocation.CertifiedDataCenter, registered.Location);
        var leased = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("租用" + Guid.NewGuid().ToString("N")[..6], DataCenterKind.Leased)))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var refused = await (await edu.PostJsonAsync($"/api/v1/datacenters/{leased.Id}/certifications", new { selfCheck = "x" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("只有自建数据中心可以申请认定；租用的须在租期内完成迁移", refused.FieldError("dataCenterId"));
        // Another agency sees none of it: the centre is "not found", its certifications too.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("health")).GetAsync(url, Ct)).StatusCode);

        // Art. 14(五): a system moved into the certified centre afterwards was never assessed with it and does not become
        // "migrated" (found by a hostile test: it counted, and left its uncertified room silently).
        var elsewhere = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "别处系统" + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var current = await (await edu.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).ReadAsync<DataCenterDto>();
        var moved = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(current.Name, systems: [system.Id, elsewhere.Id]), current.Version)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("已申请认定的数据中心不能再增加承载的系统（认定时评估的是申请时承载的系统）", moved.FieldError("systemIds"));
        Assert.False((await (await edu.GetAsync($"/api/v1/systems/{elsewhere.Id}", Ct)).ReadAsync<InfoSystemDto>()).Migrated);
    }

    [Fact]
    public async Task A_kind_given_as_a_number_that_is_no_kind_is_refused_not_stored()
    {
        // {"kind": 7} was stored as a kind no rule knows: no migration deadline and no lease violation.
        var edu = await app.SignInAsync("edu");
        var body = new Dictionary<string, object?> { ["name"] = "七号机房" + Guid.NewGuid().ToString("N")[..6], ["kind"] = 7, ["areaM2"] = 40, ["existingRacks"] = 4,
            ["usableRacks"] = 4, ["leaseStart"] = "2026-10-01", ["leaseEnd"] = "2027-10-01", ["lessor"] = "某 IDC 公司" };
        var refused = await (await edu.PostJsonAsync("/api/v1/datacenters", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(refused.FieldError("kind"));
        body["kind"] = 1; // a number that is a kind (Leased) is still read
        var leased = await (await edu.PostJsonAsync("/api/v1/datacenters", body)).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        Assert.Equal(DataCenterKind.Leased, leased.Kind);
    }

    [Fact]
    public async Task R_15_1_the_transition_follows_the_existing_racks_the_center_counted_not_the_usable_ones()
    {
        // Art. 15: 现有机架数少于5（含）个的，迁移过渡期为1年；其他为2年. Four usable racks of eight: a 2-year transition.
        var edu = await app.SignInAsync("edu");
        var missing = await (await edu.PostJsonAsync("/api/v1/datacenters", new { name = "x", kind = DataCenterKind.SelfBuilt, areaM2 = 30, usableRacks = 4 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("现有机架数须为 0 至 10000 的整数", missing.FieldError("existingRacks"));
        Assert.Equal("请填写自建数据中心的投入使用日期", missing.FieldError("inServiceSince"));
        var more = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("x", existing: 3, usable: 4))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("可用机柜数不能多于现有机架数（3 个）", more.FieldError("usableRacks"));

        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("八架机房" + Guid.NewGuid().ToString("N")[..6], existing: 8, usable: 4)))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        Assert.Equal((8, 4), (centre.ExistingRacks, centre.UsableRacks));
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "机房现有机架 8 个，其中可用 4 个。" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        var center = await app.SignInAsync("center");
        var today = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        var uncounted = await (await center.PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = new { roomClass = RoomClass.B, areaM2 = 45.5m, usableRacks = 4 }, surveyDate = today, surveyPeople = "刘运", opinion = "规模不达标", version = cert.Version,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("请填写现场清点的现有机架数", uncounted.FieldError("facts.existingRacks"));
        cert = await (await center.PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = Facts(45.5m, 4, existing: 8), surveyDate = today, surveyPeople = "刘运", opinion = "可用机柜不足", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        Assert.Equal(8, cert.ExistingRacks);
        cert = await (await (await app.SignInAsync("bureau")).PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = false, opinion = "规模不达标", version = cert.Version }))
            .ReadAsync<CertificationDto>();
        var decided = cert.DecidedOn!.Value;
        Assert.InRange(cert.TransitionEndsOn!.Value, decided.AddYears(2), decided.AddYears(2).AddDays(10));
    }

    [Fact]
    public async Task R_19_1_a_lease_cannot_be_turned_into_a_self_built_centre_and_the_attempt_is_a_violation()
    {
        // Art. 19: 不得以任何形式延长租用合约期. Registering the leased room again as "self-built" would end its lease deadline.
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("租用机房" + Guid.NewGuid().ToString("N")[..6], DataCenterKind.Leased)))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var refused = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(centre.Name), centre.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("租用第三方的数据中心不能改登记为自建", refused.Detail);
        var kept = await (await edu.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).ReadAsync<DataCenterDto>();
        Assert.Equal((DataCenterKind.Leased, new DateOnly(2027, 6, 30), new DateOnly(2027, 6, 30)), (kept.Kind, kept.LeaseEnd, kept.MigrateBy));
        Assert.Equal(HttpStatusCode.BadRequest, (await edu.PostJsonAsync($"/api/v1/datacenters/{centre.Id}/certifications", new { selfCheck = "x" })).StatusCode);
        var bureau = await app.SignInAsync("bureau");
        var violation = Assert.Single((await (await bureau.GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()), v => v.DataCenterId == centre.Id);
        Assert.Equal(ViolationKind.LeaseExtension, violation.Kind);
        Assert.Contains("改登记为自建", violation.Description);

        // A self-built centre is not turned into a lease by the agency either; the Bureau corrects a wrong entry, on record.
        var own = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("自建机房" + Guid.NewGuid().ToString("N")[..6]))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var wrong = await (await edu.PutJsonAsync($"/api/v1/datacenters/{own.Id}", WithVersion(Centre(own.Name, DataCenterKind.Leased), own.Version)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("数据中心类型登记后不能更改；如登记有误，请联系大数据局更正", wrong.FieldError("kind"));
        var corrected = await (await bureau.PutJsonAsync($"/api/v1/datacenters/{own.Id}", WithVersion(Centre(own.Name, DataCenterKind.Leased), own.Version)))
            .ReadAsync<DataCenterDto>();
        Assert.Equal((DataCenterKind.Leased, new DateOnly(2027, 6, 30)), (corrected.Kind, corrected.MigrateBy));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataCenterKindCorrected" && e.EntityId == own.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task R_4_1_a_new_centre_a_new_lease_or_an_expansion_is_found_from_the_register_and_the_agency_is_told()
    {
        var edu = await app.SignInAsync("edu");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var built = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("新建机房" + tag, inServiceSince: "2023-03-01"))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var leased = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("新租机房" + tag, DataCenterKind.Leased, leaseStart: "2024-01-01")))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var old = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("老机房" + tag))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var grown = await (await edu.PutJsonAsync($"/api/v1/datacenters/{old.Id}", WithVersion(Centre(old.Name, area: 60m, existing: 8, usable: 6), old.Version)))
            .ReadAsync<DataCenterDto>();
        Assert.Equal(60m, grown.AreaM2);

        var found = (await (await edu.GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>())
            .Where(v => v.DataCenterId == built.Id || v.DataCenterId == leased.Id || v.DataCenterId == old.Id).ToList();
        Assert.Equal(ViolationKind.NewDataCenter, Assert.Single(found, v => v.DataCenterId == built.Id).Kind);
        Assert.Equal(ViolationKind.NewLease, Assert.Single(found, v => v.DataCenterId == leased.Id).Kind);
        var expansion = Assert.Single(found, v => v.DataCenterId == old.Id);
        Assert.Equal(ViolationKind.Expansion, expansion.Kind);
        Assert.StartsWith("机房面积由 45.5 平方米增至 60 平方米；现有机架由 5 个增至 8 个；可用机柜由 5 个增至 6 个", expansion.Description);
        Assert.All(found, v => Assert.Equal("系统（edu 登记时发现）", v.RecordedBy));
        var inbox = (await (await edu.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<GovCloud.Web.Features.Inbox.InboxList>()).Items;
        Assert.Contains(inbox, n => n.Title == $"发现违规事项：扩建数据中心（老机房{tag}）" && n.Link == $"/datacenters/{old.Id}");
        var bureauInbox = (await (await (await app.SignInAsync("bureau")).GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<GovCloud.Web.Features.Inbox.InboxList>()).Items;
        Assert.Contains(bureauInbox, n => n.Title == $"发现违规事项：新建数据中心（新建机房{tag}）");
        // Making it smaller again is no violation.
        await (await edu.PutJsonAsync($"/api/v1/datacenters/{old.Id}", WithVersion(Centre(old.Name, area: 50m, existing: 8, usable: 6), grown.Version))).ReadAsync<DataCenterDto>();
        Assert.Single((await (await edu.GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()), v => v.DataCenterId == old.Id);
    }

    private sealed record MeBody(MeOrg Organisation)
    {
        public Guid OrganisationId => Organisation.Id;
    }

    private sealed record MeOrg(Guid Id);

    private static Dictionary<string, object?> WithVersion(object body, long version)
    {
        var d = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        d["version"] = version;
        return d;
    }
}

public sealed class DataCentersApiOnSqlite(SqliteApp app) : DataCentersApiTests(app), IClassFixture<SqliteApp>;
public sealed class DataCentersApiOnPostgres(PostgresApp app) : DataCentersApiTests(app), IClassFixture<PostgresApp>;
