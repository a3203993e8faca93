using System.Text;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Security;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// Sample systems and applications in every state of Annex 2 (a county department's through its county government), made through the same services a
/// user's clicks go through (so their clocks, audit entries and messages are real).
/// </summary>
public static class DemoApplications
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 演示材料\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    private sealed record Plan(string User, string System, SystemKind Kind, ApplicationState State, int Vms, TrialState? Trial = null);

    private static readonly Plan[] Plans =
    [
        new("edu", "智慧校园平台", SystemKind.Existing, ApplicationState.Approved, 3, TrialState.Live),
        new("health", "居民健康档案系统", SystemKind.New, ApplicationState.Approved, 2, TrialState.InTrial),
        new("county1", "柳江区政务服务平台", SystemKind.New, ApplicationState.Approved, 2, TrialState.AwaitingDelivery),
        new("edu", "教育资源公共服务平台", SystemKind.New, ApplicationState.Submitted, 2),
        new("edu", "学籍管理系统", SystemKind.Existing, ApplicationState.Draft, 2),
        new("health", "全民健康信息平台", SystemKind.Existing, ApplicationState.Evaluated, 4),
        new("health", "预约挂号系统", SystemKind.Upgraded, ApplicationState.Returned, 2),
        new("county1", "柳江区智慧教育平台", SystemKind.New, ApplicationState.Submitted, 2),
        new("county1", "柳江区校园安全监控系统", SystemKind.New, ApplicationState.AwaitingCounty, 2),
    ];

    public static async Task LoadAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var systems = sp.GetRequiredService<InfoSystemService>();
        var applications = sp.GetRequiredService<ApplicationService>();
        var attachments = sp.GetRequiredService<AttachmentService>();
        var flow = sp.GetRequiredService<ApplicationFlowService>();
        var center = await ActorAsync(db, "center", ct);
        var bureau = await ActorAsync(db, "bureau", ct);
        var today = ChinaTime.Today(sp.GetRequiredService<TimeProvider>());

        foreach (var plan in Plans)
        {
            var agency = await ActorAsync(db, plan.User, ct);
            var system = await systems.CreateAsync(agency, new InfoSystemInput(null, plan.System, "门户、管理后台", "广西某软件有限公司", "赵六", "13700000000",
                "zhaoliu@example.com", plan.Kind, 2, plan.Kind == SystemKind.Existing ? SystemLocation.UncertifiedDataCenter : SystemLocation.OnCloud, null, null), ct);
            var a = await applications.CreateAsync(agency, new ApplicationInput(system.Id, plan.Kind == SystemKind.Existing ? "现有系统迁移上云" : "新建系统部署上云",
                new ContactsDto(await DisplayNameAsync(db, plan.User, ct), "13900000001", $"{plan.User}@liuzhou.gov.cn", "赵六", "13700000000", "zhaoliu@example.com"),
                [new ServiceLineInput("load-balancer", 1, null), new ServiceLineInput("backup", 500, "数据库每日备份")],
                // bandwidth per zone, and a public address for a new system's portal.
                Network: [new NetworkNeed("公共网络区", 10 * plan.Vms, plan.Kind == SystemKind.Existing ? 0 : 1)]), ct);
            var rows = Enumerable.Range(1, plan.Vms).Select(no => new VmRowInput(no, "公共网络区", "广西某软件有限公司", plan.System, no == plan.Vms ? "数据库" : "门户",
                no == plan.Vms ? "DAT" : "WEB", "张三、李四", "zhangsan@example.com、lisi@example.com", "13800000001、13800000002", no == plan.Vms ? 8 : 4,
                no == plan.Vms ? 32 : 8, 100, no == plan.Vms ? 1000 : 200, "麒麟 V10", plan.Vms > 2 && no < plan.Vms, plan.Vms > 2 && no < plan.Vms ? "G1" : null, null)).ToList();
            a = await applications.ReplaceVmsAsync(agency, a.Id, new VmRowsInput(rows, a.Version), ct);
            if (plan.State == ApplicationState.Draft) continue;

            foreach (var kind in AttachmentRules.RequiredFor(plan.Kind))
                await attachments.AddAsync(agency, a.Id, kind, $"{kind.DisplayName()}.pdf", new MemoryStream(Pdf), Pdf.Length, ct);
            a = await flow.SubmitAsync(agency, a.Id, (await applications.GetAsync(agency, a.Id, ct)).Version, ct);
            // Art. 5: the district's education bureau applies through the district government, which submits it to the city.
            if (a.State == ApplicationState.AwaitingCounty && plan.State != ApplicationState.AwaitingCounty)
                a = await flow.SubmitAsync(await ActorAsync(db, "liujiang", ct), a.Id, a.Version, ct);
            if (plan.State is ApplicationState.Submitted or ApplicationState.AwaitingCounty) continue;
            if (plan.State == ApplicationState.Returned)
            {
                await flow.ReturnAsync(center, a.Id, new ReasonInput("升级改造方案中缺少数据迁移与回退措施，请补充后重新提交", a.Version), ct);
                continue;
            }

            var opinions = a.Vms.Select(v => v.No == 1
                ? new RowOpinion(v.No, RowDecision.Adjust, MemoryGb: v.MemoryGb / 2, Reason: "按实测负载，内存减半即可满足")
                : new RowOpinion(v.No, RowDecision.Agree)).ToList();
            a = await flow.EvaluateAsync(center, a.Id, new EvaluationInput("同意迁移上云，第 1 台内存调减。", opinions,
                new SiteSurvey(today, "刘运、王工", "现有机房空调老化，系统运行正常，具备迁移条件"), null, a.Version), ct);
            if (plan.State == ApplicationState.Evaluated) continue;
            a = await flow.ApproveAsync(bureau, a.Id, new ApprovalInput("同意。", [], a.Version, "演示数据"), ct);
            if (plan.Trial is { } stage and not TrialState.AwaitingDelivery) await TrialAsync(sp, a, plan, stage, center, ct);
        }
        await DataCentersAsync(sp, ct);
        await MlpsAsync(sp, today, ct);
        await RectificationsAsync(sp, today, ct);
        await SecurityEventsAsync(sp, today, ct);
        await DataAccessAsync(sp, ct);
        await UsageAsync(sp, today, ct);
        await IncidentsAsync(sp, today, ct);
    }

    /// <summary>
    /// Last month: a storage fault that stopped the first zone in use for 48 minutes at night, an hour and a half of a congested internet
    /// exit; two days ago the school platform alone down for 35 minutes.
    /// </summary>
    private static async Task IncidentsAsync(IServiceProvider sp, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var incidents = sp.GetRequiredService<Features.Operations.IncidentService>();
        var center = await ActorAsync(db, "center", ct);
        var vm = await db.CloudVms.AsNoTracking().Where(v => v.State == VmState.Active).OrderBy(v => v.HostName).FirstOrDefaultAsync(ct);
        if (vm is null) return;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));
        await incidents.RecordAsync(center, new Features.Operations.IncidentInput("存储控制器故障导致虚拟机 I/O 挂起", GovCloud.Domain.Operations.IncidentKind.Outage,
            At(lastMonth.AddDays(11), 2, 10), At(lastMonth.AddDays(11), 2, 58), [vm.Zone], null, "分布式存储 A 控制器固件缺陷，主备切换超时",
            "手动切换至 B 控制器，升级固件；逐台检查虚拟机文件系统"), ct);
        await incidents.RecordAsync(center, new Features.Operations.IncidentInput("互联网出口带宽拥塞", GovCloud.Domain.Operations.IncidentKind.Degradation,
            At(lastMonth.AddDays(19), 9, 30), At(lastMonth.AddDays(19), 11, 0), [vm.Zone], null, "某单位业务高峰叠加外部流量",
            "临时扩容出口带宽至 2 Gbps，对异常流量限速"), ct);
        await incidents.RecordAsync(center, new Features.Operations.IncidentInput("应用服务器内存耗尽", GovCloud.Domain.Operations.IncidentKind.Outage,
            At(today.AddDays(-2), 14, 0), At(today.AddDays(-2), 14, 35), null, [vm.SystemId], "应用连接池泄漏", "重启应用服务并通知开发单位修复"), ct);

        // for the same system: logs kept a year, the rules two years old, a drill five months ago; the emergency plan still missing.
        var operations = sp.GetRequiredService<Features.Operations.SystemOperationsService>();
        var owner = await db.Users.AsNoTracking().Where(u => u.OrganisationId == vm.OrganisationId && db.UserRoles.Any(r => r.UserId == u.Id && r.Role == Role.AgencyOperator))
            .OrderBy(u => u.UserName).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        if (owner is null) return;
        var agency = await ActorAsync(db, owner, ct);
        await operations.SaveAsync(agency, vm.SystemId, new Features.Operations.SystemOperationsInput("市政务云日志审计平台", 12, null), ct);
        await operations.AddDocumentAsync(agency, vm.SystemId, GovCloud.Domain.Operations.OperationsDocumentKind.Rules, today.AddYears(-2), null, "运维管理制度.pdf",
            new MemoryStream(Pdf), Pdf.Length, ct);
        await operations.AddDrillAsync(agency, vm.SystemId, new Features.Operations.DrillInput(today.AddMonths(-5), "应用服务器宕机后从备份恢复", "45 分钟恢复服务，数据完整"), ct);
    }

    /// <summary>
    /// 45 days of what the monitoring reported of each VM in formal use, as the daily summaries would hold them: the first VM found
    /// idle (CPU P95 under 5 %, memory under 20 %), each system's database server given more than it uses, the rest busy on
    /// working days and quiet at weekends.
    /// </summary>
    private static async Task UsageAsync(IServiceProvider sp, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var vms = await db.CloudVms.AsNoTracking().Where(v => v.State == VmState.Active).OrderBy(v => v.HostName)
            .Select(v => new Features.Monitoring.VmFacts(v.Id, v.OrganisationId, v.SystemId, v.Zone, v.Vcpu, v.MemoryGb, v.SystemDiskGb + v.DataDiskGb))
            .ToListAsync(ct);
        var random = new Random(20_221);
        var rows = new List<Features.Monitoring.VmDailyUsage>();
        for (var i = 0; i < vms.Count; i++)
        {
            var vm = vms[i];
            var (cpu, memory) = i == 0 ? (2.0, 12.0) : vm.MemoryGb >= 32 ? (9.0, 18.0) : (35.0, 55.0);
            for (var day = today.AddDays(-45); day < today; day = day.AddDays(1))
            {
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var load = i == 0 ? 1 : weekend ? 0.5 : 1 + random.NextDouble() * 0.3;
                var c = Math.Round(cpu * load, 2);
                var m = Math.Round(memory + random.NextDouble() * 4, 2);
                var row = new Features.Monitoring.VmDailyUsage { VmId = vm.Id, Day = day, Zone = vm.Zone, Source = "演示数据", Points = 288 };
                row.Set(UsageMetric.Cpu, new DailyFigure(c, Math.Round(c * 1.6, 2), Math.Round(Math.Min(100, c * 2.5), 2)));
                row.Set(UsageMetric.Memory, new DailyFigure(m, Math.Round(m * 1.1, 2), Math.Round(Math.Min(100, m * 1.2), 2)));
                row.Set(UsageMetric.Disk, new DailyFigure(Math.Round(30 + (today.DayNumber - day.DayNumber) * -0.1 + 5, 2), 35, 36));
                row.Set(UsageMetric.NetworkIn, new DailyFigure(Math.Round(c / 10, 2), Math.Round(c / 5, 2), Math.Round(c / 3, 2)));
                row.Set(UsageMetric.NetworkOut, new DailyFigure(Math.Round(c / 20, 2), Math.Round(c / 10, 2), Math.Round(c / 6, 2)));
                rows.Add(Features.Monitoring.DailyUsageStore.WithFacts(row, vm));
            }
        }
        db.VmDailyUsage.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Access to the school platform: a read grant for its web server approved by the education bureau's security officer and in
    /// force, the bastion's checks on it (allowed, and denied on the database server); a request to change the database server
    /// waiting for the officer; an emergency access three days ago waiting for the bureau's review.
    /// </summary>
    private static async Task DataAccessAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var center = await ActorAsync(db, "center", ct);
        var officer = await ActorAsync(db, "edusec", ct);
        var bastion = await ActorAsync(db, "bastion", ct);
        var grants = sp.GetRequiredService<Features.DataAccess.AccessGrantService>();
        var checks = sp.GetRequiredService<Features.DataAccess.AccessCheckService>();
        var school = await db.InfoSystems.Where(s => s.Name == "智慧校园平台").Select(s => s.Id).SingleAsync(ct);
        var vms = await db.CloudVms.Where(v => v.SystemId == school).OrderBy(v => v.HostName).Select(v => new { v.Id, v.HostName }).ToListAsync(ct);
        var (web, dbServer) = (vms[0], vms[^1]);
        var incident = await db.SecurityEvents.Where(e => e.Title == "智慧校园平台门户 SSH 暴力破解").Select(e => e.Number).SingleAsync(ct);

        var read = await grants.RequestAsync(center, new Features.DataAccess.AccessRequestInput(school, [web.Id], [], Domain.DataAccess.AccessMode.Read,
            "复核门户服务器 SSH 登录日志，确认暴力破解未成功", Domain.DataAccess.AccessTicketKind.Incident, incident, null, 4), ct);
        var asked = await grants.GetAsync(officer, read.Id, ct);
        await grants.ApproveAsync(officer, read.Id, new Features.DataAccess.AccessDecisionInput("同意，只读核查", asked.Version), ct);
        await checks.CheckAsync(bastion, "center", web.HostName, "read", ct);
        await checks.CheckAsync(bastion, "center", dbServer.HostName, "change", ct);

        await grants.RequestAsync(center, new Features.DataAccess.AccessRequestInput(school, [dbServer.Id], [], Domain.DataAccess.AccessMode.Change,
            "为数据库服务器安装安全补丁并重启数据库服务", Domain.DataAccess.AccessTicketKind.Incident, incident, null, 2), ct);

        var emergency = await grants.OpenEmergencyAsync(center, new Features.DataAccess.EmergencyAccessInput(school, [dbServer.Id], [],
            Domain.DataAccess.AccessMode.Change, "数据库服务器磁盘写满导致平台无法登录，需立即清理归档日志", 1), ct);
        // It happened three days ago: the demo moves its times back (the service opens it now).
        var ago = TimeSpan.FromDays(3);
        var past = await db.AccessGrants.SingleAsync(g => g.Id == emergency.Id, ct);
        (past.RequestedAt, past.StartsAt, past.EndsAt, past.DecidedAt) = (past.RequestedAt - ago, past.StartsAt - ago, past.EndsAt - ago, past.DecidedAt - ago);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The cloud's security state: its own MLPS at level 3; last month a brute-force attack on the school platform's web server, handled and closed, and
    /// a storage controller failure on the cloud itself; two days ago ransomware alerts at the health commission, being handled.
    /// Last month's 云安全状况通报 is published.
    /// </summary>
    private static async Task SecurityEventsAsync(IServiceProvider sp, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var center = await ActorAsync(db, "center", ct);
        var events = sp.GetRequiredService<Features.Supervision.SecurityEventService>();
        var school = await db.InfoSystems.Where(s => s.Name == "智慧校园平台").Select(s => s.Id).SingleAsync(ct);
        var web = await db.CloudVms.Where(v => v.SystemId == school).OrderBy(v => v.HostName).Select(v => v.Id).FirstAsync(ct);
        var health = await db.Organisations.Where(o => o.Name == "市卫生健康委员会").Select(o => o.Id).SingleAsync(ct);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

        // The cloud platform itself at level 3, filed, its yearly assessment due within three months.
        var mlps = sp.GetRequiredService<Features.Supervision.MlpsService>();
        var cloud = await mlps.CloudAsync(center, ct);
        await mlps.SaveAsync(center, cloud.SystemId, new Features.Supervision.MlpsInput(3, today.AddYears(-3), "45020099001-00001", today.AddYears(-3).AddMonths(1),
            DataStorage: "政务云平台（各网络区）"), ct);
        await mlps.AssessAsync(center, cloud.SystemId, new Features.Supervision.AssessmentInput(today.AddMonths(-10), "广西壮族自治区网络安全测评中心",
            Domain.Supervision.AssessmentResult.BasicallyCompliant, 87.5m, "部分虚拟机操作系统补丁更新不及时。"), ct);
        DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 20)), TimeSpan.FromHours(8));

        var attack = await events.RecordAsync(center, new Features.Supervision.SecurityEventInput("智慧校园平台门户 SSH 暴力破解",
            Domain.Supervision.SecurityEventKind.NetworkAttack, Domain.Supervision.SecuritySeverity.General, At(lastMonth.AddDays(11), 2),
            "态势感知平台告警：境外地址对门户服务器 22 端口持续尝试口令登录约 4 万次，未发现登录成功记录。", VmIds: [web]), ct);
        var handled = await events.AddStepAsync(center, attack.Id, new("在互联网边界防火墙封禁攻击源地址段，门户服务器 SSH 改为仅允许堡垒机访问。", 0), ct);
        await events.CloseAsync(center, attack.Id, new("攻击已阻断，核查登录日志未发现成功登录，系统运行正常。", handled.Version), ct);
        var failure = await events.RecordAsync(center, new Features.Supervision.SecurityEventInput("存储控制器故障切换",
            Domain.Supervision.SecurityEventKind.EquipmentFailure, Domain.Supervision.SecuritySeverity.General, At(lastMonth.AddDays(19), 14),
            "政务外网区分布式存储一台控制器故障，业务自动切换至备用控制器，切换期间部分虚拟机 I/O 延迟升高约 3 分钟。"), ct);
        handled = await events.AddStepAsync(center, failure.Id, new("更换故障控制器并完成数据重平衡。", 0), ct);
        await events.CloseAsync(center, failure.Id, new("控制器已更换，存储双控恢复，未造成数据丢失。", handled.Version), ct);
        var ransomware = await events.RecordAsync(center, new Features.Supervision.SecurityEventInput("卫健委办公终端勒索病毒告警",
            Domain.Supervision.SecurityEventKind.MaliciousCode, Domain.Supervision.SecuritySeverity.Significant, At(today.AddDays(-2), 9),
            "终端安全管理系统发现卫健委 2 台办公终端访问政务云时出现勒索病毒特征流量。", OrganisationIds: [health]), ct);
        await events.AddStepAsync(center, ransomware.Id, new("隔离 2 台终端的网络访问，通知市卫健委排查。", 0), ct);

        await events.PublishAsync(center, new Features.Supervision.BulletinInput(lastMonth, lastMonth.AddMonths(1).AddDays(-1),
            "本期政务云平台运行总体平稳，未发生数据泄露和业务长时间中断。针对互联网暴力破解攻击，已将各系统服务器远程管理端口统一收敛至堡垒机。\n" +
            "请各使用单位落实网络安全主体责任，按期完成整改通知书所列问题的整改，并按等级保护要求按时开展测评。"), ct);
    }

    /// <summary>
    /// The fourth-quarter joint inspection (the police and the Center taking part) of the education bureau, the health commission
    /// and the cloud itself; the police found two problems at the education bureau and issued a 整改通知书 from them, one item
    /// answered and waiting for the police's check. The Bureau's own notice to the Center for the cloud.
    /// </summary>
    private static async Task RectificationsAsync(IServiceProvider sp, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        async Task<Guid> Org(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct);
        var (edu, health, center, police) = (await Org("市教育局"), await Org("市卫生健康委员会"), await Org("市信息化建设管理中心"), await Org("市公安局"));
        var inspections = sp.GetRequiredService<Features.Supervision.InspectionService>();
        var inspection = await inspections.PlanAsync(await ActorAsync(db, "bureau", ct), new Features.Supervision.InspectionInput(
            "2026 年第四季度政务云联合安全检查", today.AddDays(-10), today.AddDays(10),
            [new(edu), new(health), new(center)], [police, center]), ct);
        var policeActor = await ActorAsync(db, "police", ct);
        var eduTarget = inspection.Targets.Single(t => t.OrganisationId == edu).Id;
        var audit = await inspections.RecordAsync(policeActor, inspection.Id, new Features.Supervision.FindingInput(eduTarget, "安全审计与日志留存",
            Domain.Supervision.RiskLevel.High, "智慧校园平台数据库未开启审计日志，日志留存不足六个月。"), ct);
        var password = await inspections.RecordAsync(policeActor, inspection.Id, new Features.Supervision.FindingInput(eduTarget, "身份鉴别与口令策略",
            Domain.Supervision.RiskLevel.Medium, "门户网站后台存在弱口令账号 admin，未启用登录失败锁定。"), ct);

        var notices = sp.GetRequiredService<Features.Supervision.RectificationService>();
        var issued = await notices.IssueAsync(policeActor, new Features.Supervision.NoticeInput(edu, "关于智慧校园平台限期整改网络安全问题的通知",
            "《中华人民共和国网络安全法》第二十一条、《信息安全技术 网络安全等级保护基本要求》（GB/T 22239—2019）",
            [
                new("请开启数据库审计，日志留存不少于六个月。" + audit.Description, Domain.Supervision.RiskLevel.High, audit.Id),
                new("请修改为符合复杂度要求的口令，并启用登录失败锁定。" + password.Description, Domain.Supervision.RiskLevel.Medium, password.Id),
            ], 15, Domain.Calendar.PeriodUnit.WorkingDays, "吴警官", "0772-2801234"), ct);
        var officer = await ActorAsync(db, "edusec", ct);
        var notice = await notices.GetAsync(officer, issued.Id, ct);
        await notices.AnswerAsync(officer, issued.Id, notice.Items[0].Id, "已开启数据库审计，日志留存策略调整为 180 天。", [], notice.Version, ct);

        await notices.IssueAsync(await ActorAsync(db, "bureau", ct), new Features.Supervision.NoticeInput(center, "关于政务云平台安全问题限期整改的通知",
            "《柳州市政务云管理实施细则》第二十六条",
            [new("云平台堡垒机会话录像保存不足六个月。请调整存储策略，会话录像保存不少于六个月。", Domain.Supervision.RiskLevel.Medium)],
            10, Domain.Calendar.PeriodUnit.WorkingDays, "李科长", "0772-2805678"), ct);
    }

    /// <summary>
    /// 等级保护 of three systems: the school platform filed and assessed, its next assessment due within 90 days; the health
    /// records system (in trial) graded level 3 and not yet filed, so it cannot go live; the emergency dispatch system's
    /// yearly assessment overdue.
    /// </summary>
    private static async Task MlpsAsync(IServiceProvider sp, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var mlps = sp.GetRequiredService<Features.Supervision.MlpsService>();
        async Task Record(string user, string system, Features.Supervision.MlpsInput grading, Features.Supervision.AssessmentInput? assessment)
        {
            var agency = await ActorAsync(db, user, ct);
            var id = await db.InfoSystems.Where(s => s.OrganisationId == agency.OrganisationId && s.Name == system).Select(s => s.Id).SingleAsync(ct);
            await mlps.SaveAsync(agency, id, grading, ct);
            if (assessment is not null) await mlps.AssessAsync(agency, id, assessment, ct);
        }
        await Record("edu", "智慧校园平台", new(2, today.AddMonths(-26), "45020099001-00231", today.AddMonths(-25), PersonalInformation: true,
                DataStorage: "政务云公共网络区", DataStaysInCountry: true, ResponsiblePerson: "陈明"),
            new(today.AddMonths(-22), "广西壮族自治区信息安全测评中心", Domain.Supervision.AssessmentResult.BasicallyCompliant, 82.5m, "部分日志留存不足六个月"));
        await Record("health", "居民健康档案系统", new(3, today.AddMonths(-1), null, null, PersonalInformation: true, ImportantData: true,
            DataStorage: "政务云公共网络区", DataStaysInCountry: true, ResponsiblePerson: "黄丽"), null);
        await Record("health", "急救调度系统", new(3, today.AddYears(-3), "45020099001-00087", today.AddYears(-3).AddDays(20), PersonalInformation: true,
                DataStorage: "卫健委应急指挥机房", DataStaysInCountry: true, ResponsiblePerson: "黄丽"),
            new(today.AddMonths(-14), "柳州市网络安全测评有限公司", Domain.Supervision.AssessmentResult.Compliant, 91m, null));
    }

    /// <summary>The education bureau's own machine room (hosting the system still to migrate) and the health commission's leased one.</summary>
    private static async Task DataCentersAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var centres = sp.GetRequiredService<Features.DataCenters.DataCenterService>();
        var edu = await ActorAsync(db, "edu", ct);
        var hosted = await db.InfoSystems.Where(s => s.OrganisationId == edu.OrganisationId && s.Name == "学籍管理系统").Select(s => s.Id).ToListAsync(ct);
        var eduCentre = await centres.CreateAsync(edu, new Features.DataCenters.DataCenterInput(null, "教育局中心机房", Domain.DataCenters.DataCenterKind.SelfBuilt,
            "柳州市城中区文昌路", 35m, 5, Domain.DataCenters.RoomClass.C, true, true, false, 1, false, 2, null, false, false, false, null, null, null, hosted,
            ExistingRacks: 5, InServiceSince: new DateOnly(2015, 9, 1)), ct);
        // It applied, was surveyed and is not certified: a 1-year transition (≤ 5 existing racks) runs from today.
        var certifications = sp.GetRequiredService<Features.DataCenters.CertificationService>();
        var cert = await certifications.SubmitAsync(edu, eduCentre.Id, new Features.DataCenters.CertificationInput("机房面积 35 平方米，可用机柜 5 个，C 级机房，专职运维 1 人。"), ct);
        var today = ChinaTime.Today(sp.GetRequiredService<TimeProvider>());
        cert = await certifications.EvaluateAsync(await ActorAsync(db, "center", ct), eduCentre.Id, cert.Id, new Features.DataCenters.CertificationEvaluationInput(
            new Domain.DataCenters.CentreFacts(true, true, false, false, false, false, Domain.DataCenters.RoomClass.C, 35m, 5, 1, false, 2, false, false, ExistingRacks: 5),
            today, "刘运、王工", "规模、运维、安全条件均未达标", cert.Version), ct);
        await certifications.DecideAsync(await ActorAsync(db, "bureau", ct), eduCentre.Id, cert.Id,
            new Features.DataCenters.CertificationDecisionInput(false, "不具备保留条件，按期迁移上云", cert.Version), ct);
        var health = await ActorAsync(db, "health", ct);
        await centres.CreateAsync(health, new Features.DataCenters.DataCenterInput(null, "卫健委租用机房", Domain.DataCenters.DataCenterKind.Leased, "柳州市某 IDC",
            60m, 8, Domain.DataCenters.RoomClass.B, true, true, true, 3, true, 3, today.AddMonths(-6), false, false, true, "广西某数据服务有限公司",
            new DateOnly(2020, 3, 1), today.AddDays(60), [], ExistingRacks: 8), ct);
        await RecertificationAsync(sp, certifications, centres, health, today, ct);
        await RevocationAsync(sp, centres, today, ct);
    }

    /// <summary>
    /// Liujiang district's small machine room hosts nothing any more: its (empty) plan was approved and the district has
    /// revoked it (Art. 16(三)); the Bureau has still to confirm and take its two servers into the pool.
    /// </summary>
    private static async Task RevocationAsync(IServiceProvider sp, Features.DataCenters.DataCenterService centres, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var liujiang = await ActorAsync(db, "liujiang", ct);
        var room = await centres.CreateAsync(liujiang, new Features.DataCenters.DataCenterInput(null, "柳江区政务机房", Domain.DataCenters.DataCenterKind.SelfBuilt,
            "柳江区拉堡镇", 20m, 3, Domain.DataCenters.RoomClass.C, true, false, false, 1, false, 2, null, false, false, false, null, null, null, [],
            ExistingRacks: 3, InServiceSince: new DateOnly(2016, 10, 1)), ct);
        var plans = sp.GetRequiredService<Features.DataCenters.MigrationPlanService>();
        var plan = await plans.SubmitAsync(liujiang, room.Id, new Features.DataCenters.MigrationPlanInput([], "系统均已迁移上云，机房待撤销"), ct);
        await plans.ReviewAsync(await ActorAsync(db, "bureau", ct), room.Id, plan.Id, new Features.DataCenters.PlanReviewInput(true, "同意撤销", plan.Version), ct);
        var version = (await centres.GetAsync(liujiang, room.Id, ct)).Version;
        await sp.GetRequiredService<Features.DataCenters.RevocationService>().RevokeAsync(liujiang, room.Id, new Features.DataCenters.RevocationInput(true,
            "机房空调、配电拆除，保留办公网络设备间；两台服务器移交市政务云", [new(Domain.DataCenters.EquipmentKind.Server, "浪潮 NF5280M5", 2, 48, 192, 2000, 1000)],
            version), ct);
    }

    /// <summary>
    /// The health commission's emergency room was certified two years ago; its retention ended last month (Finance funds it
    /// no more) and, for its emergency systems, it has applied again: it awaits re-certification by the Center.
    /// </summary>
    private static async Task RecertificationAsync(IServiceProvider sp, Features.DataCenters.CertificationService certifications,
        Features.DataCenters.DataCenterService centres, Actor health, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        // Its system counted as migrated during retention; since retention ended it counts as not migrated (Art. 14(五)).
        var dispatch = await sp.GetRequiredService<InfoSystemService>().CreateAsync(health, new InfoSystemInput(null, "急救调度系统", null, "广西某医疗软件有限公司",
            null, null, null, SystemKind.Existing, 3, SystemLocation.CertifiedDataCenter, null, null), ct);
        var room = await centres.CreateAsync(health, new Features.DataCenters.DataCenterInput(null, "卫健委应急指挥机房", Domain.DataCenters.DataCenterKind.SelfBuilt,
            "柳州市城中区", 80m, 10, Domain.DataCenters.RoomClass.B, true, true, true, 3, true, 3, today.AddMonths(-3), false, false, true, null, null, null, [dispatch.Id],
            ExistingRacks: 12, InServiceSince: new DateOnly(2012, 6, 1)), ct);
        var first = await certifications.SubmitAsync(health, room.Id, new Features.DataCenters.CertificationInput(null), ct);
        first = await certifications.EvaluateAsync(await ActorAsync(db, "center", ct), room.Id, first.Id, new Features.DataCenters.CertificationEvaluationInput(
            new Domain.DataCenters.CentreFacts(true, true, true, false, false, false, Domain.DataCenters.RoomClass.B, 80m, 10, 3, true, 3, true, true, ExistingRacks: 12),
            today, "刘运、王工", "五项条件均达标，承载应急处置数据", first.Version), ct);
        await certifications.DecideAsync(await ActorAsync(db, "bureau", ct), room.Id, first.Id,
            new Features.DataCenters.CertificationDecisionInput(true, "通过认定，保留两年", first.Version), ct);
        // Two years on (sample dates): decided 2 years and 20 days ago, its retention ended 20 days ago, a year to migrate from there.
        var (decided, ended, due) = (today.AddYears(-2).AddDays(-20), today.AddDays(-20), today.AddDays(-20).AddYears(1));
        await db.Certifications.Where(c => c.Id == first.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.DecidedOn, decided)
            .SetProperty(x => x.RetentionEndsOn, ended).SetProperty(x => x.MigrationDueOn, due), ct);
        await db.DataCenters.Where(d => d.Id == room.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.DecidedOn, decided)
            .SetProperty(x => x.RetentionEndsOn, ended).SetProperty(x => x.MigrateBy, due), ct);
        db.ChangeTracker.Clear(); // the services share this context: they read the centre as just written
        await certifications.SubmitAsync(health, room.Id, new Features.DataCenters.CertificationInput("承载全市急救调度与应急指挥系统，因特殊情况仍需暂时保留，再次申请认定。"), ct);
    }

    /// <summary>The Center delivers the trial; for a live system both sides sign, the agency passes it and the Center puts it into formal use.</summary>
    private static async Task TrialAsync(IServiceProvider sp, ApplicationDto a, Plan plan, TrialState stage, Actor center, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var trials = sp.GetRequiredService<TrialService>();
        var trial = await trials.GetAsync(center, a.Id, ct);
        var prefix = plan.User + "-" + a.Number[^2..];
        var subnet = 10 + Array.IndexOf(Plans, plan);
        trial = await trials.DeliverAsync(center, a.Id, new DeliveryInput(30, trial.Rows.Select(r => new DeliveredVm(r.No, $"{prefix}-{r.No:D2}",
            $"10.{subnet}.1.{10 + r.No}", r.Vcpu, r.MemoryGb, r.SystemDiskGb, r.DataDiskGb, r.OperatingSystem,
            r.OwnerNames.Select((_, i) => $"{plan.User}{r.No}{(char)('a' + i)}").ToList(), BandwidthMbps: 10)).ToList(), trial.Version), ct);
        if (stage != TrialState.Live) return;
        var agency = await ActorAsync(db, plan.User, ct);
        var officer = await ActorAsync(db, plan.User + "sec", ct);
        trial = await trials.ConfirmAgreementAsync(officer, a.Id, new VersionInput(trial.Version), ct);
        trial = await trials.ConfirmAgreementAsync(center, a.Id, new VersionInput(trial.Version), ct);
        trial = await trials.ReportResultAsync(agency, a.Id, new TrialResultInput(TrialResult.Passed, "功能与性能测试通过", trial.Version), ct);
        await trials.GoLiveAsync(center, a.Id, new VersionInput(trial.Version), ct);
    }

    /// <summary>"黄老师" of "黄老师（教育局经办人）".</summary>
    private static async Task<string> DisplayNameAsync(GovCloudDbContext db, string userName, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.DisplayName).SingleAsync(ct)).Split('（')[0];

    private static async Task<Actor> ActorAsync(GovCloudDbContext db, string userName, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => new { u.Id, u.OrganisationId }).SingleAsync(ct);
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync(ct);
        return new Actor(user.Id, userName, user.OrganisationId, null, roles.ToHashSet());
    }
}
