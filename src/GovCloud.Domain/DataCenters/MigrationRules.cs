using GovCloud.Domain;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.DataCenters;

/// <summary>Where a data centre stands in the flow of Annex 1 (R-A1).</summary>
public enum DataCenterStage
{
    /// <summary>登记在册: registered, not (yet) certified.</summary>
    Registered,
    /// <summary>认定中: a certification is being evaluated or decided.</summary>
    Certifying,
    /// <summary>保留期: certified and retained; its systems count as migrated (R-14.2).</summary>
    Retained,
    /// <summary>迁移期: must be emptied by a date — after retention, in a transition, or within a lease.</summary>
    Migrating,
    /// <summary>已撤销: every system moved or shut down, the centre revoked (R-16.1).</summary>
    Revoked,
}

/// <summary>Where a centre's migration plan stands (R-16.1): the Bureau approves it or returns it for a new one.</summary>
public enum MigrationPlanState
{
    Submitted,
    Approved,
    Returned,
}

/// <summary>What happens to one system of the plan: moved to the cloud, or shut down in consolidation.</summary>
public enum PlanDisposition
{
    Migrate,
    ShutDown,
}

/// <summary>The equipment of a revoked centre (R-16.1) that the Bureau takes into the shared pool.</summary>
public enum EquipmentKind
{
    Server,
    Storage,
    Network,
    Security,
    Support,
}

/// <summary>What the centre record holds about its certification, deadline and revocation.</summary>
public sealed record CentreStatus(
    DataCenterKind Kind, bool Certifying, CertificationState? Decision, DateOnly? RetentionEndsOn, DateOnly? MigrateBy, DateOnly? RevokedOn);

/// <summary>One line of a plan as submitted.</summary>
public sealed record PlanItemRequest(Guid? SystemId, PlanDisposition? Disposition, DateOnly? TargetDate, string? Milestones);

/// <summary>A system the centre hosts, with whether it is already on the cloud or offline.</summary>
public sealed record HostedSystem(Guid Id, string Name, bool Gone);

/// <summary>One row of a revoked centre's equipment list, with the capacity it brings.</summary>
public sealed record EquipmentRow(EquipmentKind? Kind, string? Model, int? Quantity, int? Vcpu, int? MemoryGb, int? StorageGb, int? BandwidthMbps);

/// <summary>
/// Migration out of an agency's data centre and its revocation (R-14.2, R-15.1, R-16.1, R-18.1, R-19.1, R-A1):
/// the stage a centre is in, the date it must be empty by, what a migration plan must say, how data of a system
/// shut down in consolidation is handled by its MLPS level, and when a centre may be revoked.
/// </summary>
public static class MigrationRules
{
    public static string DisplayName(this DataCenterStage stage) => stage switch
    {
        DataCenterStage.Registered => "待认定",
        DataCenterStage.Certifying => "认定中",
        DataCenterStage.Retained => "保留期",
        DataCenterStage.Migrating => "迁移期",
        DataCenterStage.Revoked => "已撤销",
        _ => stage.ToString(),
    };

    public static string DisplayName(this MigrationPlanState state) => state switch
    {
        MigrationPlanState.Submitted => "待审核",
        MigrationPlanState.Approved => "已同意",
        MigrationPlanState.Returned => "已退回",
        _ => state.ToString(),
    };

    public static string DisplayName(this PlanDisposition d) => d == PlanDisposition.Migrate ? "迁移上云" : "整合关停";

    public static string DisplayName(this EquipmentKind kind) => kind switch
    {
        EquipmentKind.Server => "服务器",
        EquipmentKind.Storage => "存储设备",
        EquipmentKind.Network => "网络设备",
        EquipmentKind.Security => "安全设备",
        EquipmentKind.Support => "配套设施",
        _ => kind.ToString(),
    };

    public static DataCenterStage Stage(CentreStatus s, DateOnly today)
    {
        if (s.RevokedOn is not null) return DataCenterStage.Revoked;
        if (s.Certifying) return DataCenterStage.Certifying;
        if (s.Decision == CertificationState.Certified && s.RetentionEndsOn is { } end && today <= end) return DataCenterStage.Retained;
        return s.MigrateBy is null ? DataCenterStage.Registered : DataCenterStage.Migrating;
    }

    /// <summary>
    /// The last day the centre's systems must be off it: the migration due date after retention (certified), the end
    /// of the transition (not certified), or the lease end (leased, R-19.1) — whichever the centre has, the earliest.
    /// </summary>
    public static DateOnly? MigrateBy(DataCenterKind kind, DateOnly? leaseEnd, DecisionOutcome? decision)
    {
        var fromDecision = decision is null ? null : decision.Certified ? decision.MigrationDueOn : decision.TransitionEndsOn;
        var fromLease = kind == DataCenterKind.Leased ? leaseEnd : null;
        return (fromDecision, fromLease) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };
    }

    /// <summary>
    /// R-18.1: after retention Finance funds no more operations of a certified centre (until it is revoked, when there is
    /// nothing left to fund) — while a re-application is pending too, and after it is refused; only a new certification,
    /// with a new retention, funds it again.
    /// </summary>
    public static bool FundingStopped(CentreStatus s, DateOnly today) =>
        s.RevokedOn is null && s.RetentionEndsOn is { } end && today > end;

    /// <summary>A re-application after retention (R-18.1) is being decided: the centre awaits re-certification.</summary>
    public static bool Recertifying(CentreStatus s) => s.Certifying && s.RetentionEndsOn is not null;

    public static string StageName(CentreStatus s, DateOnly today) => Recertifying(s) ? "重新认定中" : Stage(s, today).DisplayName();

    /// <summary>
    /// The date by which the city's existing self-built centres must apply for certification (configured; null when the
    /// city set none): a centre that has not applied by then is treated as not certified from that date (R-15.1).
    /// </summary>
    public static bool MissedApplyBy(CentreStatus s, DateOnly? applyBy, DateOnly today) =>
        applyBy is { } last && today > last && s.Kind == DataCenterKind.SelfBuilt && s.RevokedOn is null && !s.Certifying && s.Decision is null;

    /// <summary>
    /// The next end the agency must be reminded of: the retention end while retained, the migrate-by date while
    /// migrating; null when nothing ends (registered, revoked) or it lies beyond the horizon.
    /// </summary>
    public static (string What, DateOnly On)? EndingWithin(CentreStatus s, DateOnly today, int days, DateOnly? applyBy = null)
    {
        (string, DateOnly)? next = Stage(s, today) switch
        {
            DataCenterStage.Retained => ("保留期", s.RetentionEndsOn!.Value),
            DataCenterStage.Migrating => ("迁移期限", s.MigrateBy!.Value),
            DataCenterStage.Registered when s.Kind == DataCenterKind.SelfBuilt && applyBy is { } last => ("认定申请期限", last),
            _ => null,
        };
        return next is { } n && n.Item2 >= today && n.Item2 <= today.AddDays(days) ? next : null;
    }

    /// <summary>
    /// R-18.1 (Art. 18: 保留期满后…因特殊情况仍需暂时保留的，需再次提出自建数据中心的认定申请): a certified centre applies
    /// again once its retention has ended, not during it; a centre never certified has its transition and no second try.
    /// </summary>
    public static string? CheckReapplication(CentreStatus s, DateOnly today) => s switch
    {
        { RevokedOn: not null } => "该数据中心已撤销",
        { Decision: null } => null,
        { RetentionEndsOn: { } end } when today <= end =>
            $"保留期至 {end:yyyy-MM-dd}，保留期内不需再次申请；保留期满后因特殊情况仍需暂时保留的，可再次申请认定（第十八条）",
        { RetentionEndsOn: not null } => null,
        _ => "未通过认定的数据中心须在过渡期内完成迁移，不能再申请认定",
    };

    /// <summary>
    /// R-16.1: a plan lists every system the centre hosts (not yet moved), each once, to be migrated or shut down by a
    /// target date no later than the centre's migrate-by date. A centre hosting nothing more has an empty plan, so
    /// that it too can be revoked.
    /// </summary>
    public static IReadOnlyList<RuleProblem> ValidatePlan(IReadOnlyList<PlanItemRequest> items, IReadOnlyList<HostedSystem> hosted, DateOnly? migrateBy,
        DateOnly today)
    {
        var problems = new List<RuleProblem>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var f = $"items[{i}]";
            var system = hosted.FirstOrDefault(h => h.Id == item.SystemId);
            if (system is null) problems.Add(new RuleProblem($"{f}.systemId", "请选择该数据中心承载的信息系统"));
            else if (!seen.Add(system.Id)) problems.Add(new RuleProblem($"{f}.systemId", $"《{system.Name}》重复列入"));
            if (item.Disposition is null) problems.Add(new RuleProblem($"{f}.disposition", "请选择迁移上云或整合关停"));
            if (item.TargetDate is not { } target) problems.Add(new RuleProblem($"{f}.targetDate", "请填写计划完成日期"));
            else if (target < today) problems.Add(new RuleProblem($"{f}.targetDate", "计划完成日期不能早于今天"));
            else if (migrateBy is { } due && target > due)
                problems.Add(new RuleProblem($"{f}.targetDate", $"计划完成日期晚于迁移期限 {due:yyyy-MM-dd}"));
            if (item.Milestones?.Length > 500) problems.Add(new RuleProblem($"{f}.milestones", "进度安排不能超过 500 个字"));
        }
        var missing = hosted.Where(h => !h.Gone && !seen.Contains(h.Id)).Select(h => $"《{h.Name}》").ToList();
        if (missing.Count > 0) problems.Add(new RuleProblem("items", $"{string.Join("、", missing)}未列入迁移计划"));
        return problems;
    }

    /// <summary>R-16.1: a centre is revoked once its approved plan is carried out and nothing it hosts is still there.</summary>
    public static IReadOnlyList<string> CheckRevocation(bool revoked, bool planApproved, IReadOnlyList<string> pendingSystems)
    {
        if (revoked) return ["该数据中心已撤销"];
        var reasons = new List<string>();
        if (!planApproved) reasons.Add("迁移计划尚未经大数据局同意");
        if (pendingSystems.Count > 0) reasons.Add($"尚有系统未完成迁移或关停：{string.Join("、", pendingSystems.Select(s => $"《{s}》"))}");
        return reasons;
    }

    /// <summary>Every problem of the equipment list, by row; capacities are whole and not negative.</summary>
    public static IReadOnlyList<RuleProblem> ValidateEquipment(IReadOnlyList<EquipmentRow> rows)
    {
        var problems = new List<RuleProblem>();
        if (rows.Count == 0) problems.Add(new RuleProblem("equipment", "请列出撤销后统筹利用的设备"));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var f = $"equipment[{i}]";
            if (r.Kind is null) problems.Add(new RuleProblem($"{f}.kind", "请选择设备类别"));
            if (TextRules.IsBlank(r.Model)) problems.Add(new RuleProblem($"{f}.model", "请填写设备名称型号"));
            else if (r.Model.Length > 100) problems.Add(new RuleProblem($"{f}.model", "设备名称型号不能超过 100 个字"));
            if (r.Quantity is null or < 1 or > 10000) problems.Add(new RuleProblem($"{f}.quantity", "数量须为 1 至 10000"));
            foreach (var (value, field, name, max) in PerDevice(r))
                if (value is < 0 || value > max) problems.Add(new RuleProblem($"{f}.{field}", $"每台{name}须为 0 至 {max:N0}"));
        }
        // The whole list, counted without overflow: what one revoked machine room can bring to a zone.
        if (problems.Count == 0)
            foreach (var (total, name) in new[]
                     {
                         (rows.Sum(r => (long)(r.Vcpu ?? 0) * (r.Quantity ?? 0)), "vCPU"), (rows.Sum(r => (long)(r.MemoryGb ?? 0) * (r.Quantity ?? 0)), "内存"),
                         (rows.Sum(r => (long)(r.StorageGb ?? 0) * (r.Quantity ?? 0)), "存储"), (rows.Sum(r => (long)(r.BandwidthMbps ?? 0) * (r.Quantity ?? 0)), "带宽"),
                     })
                if (total > MaxListTotal) problems.Add(new RuleProblem("equipment", $"设备{name}合计超过 {MaxListTotal:N0}，请核对数量和每台配置"));
        return problems;
    }

    /// <summary>What the largest real device holds: a server's threads, a storage array's GB, a 400G port.</summary>
    private static (int? Value, string Field, string Name, int Max)[] PerDevice(EquipmentRow r) =>
    [
        (r.Vcpu, "vcpu", " vCPU（核）", 1_024), (r.MemoryGb, "memoryGb", "内存（GB）", 65_536),
        (r.StorageGb, "storageGb", "存储（GB）", 10_000_000), (r.BandwidthMbps, "bandwidthMbps", "带宽（Mbps）", 400_000),
    ];

    /// <summary>The most one list may add of any resource (the pool's own largest single adjustment).</summary>
    public const long MaxListTotal = 100_000_000;

    /// <summary>The capacity the list brings to the pool: per-device figures times the quantity.</summary>
    public static (Resources Resources, int BandwidthMbps) Capacity(IEnumerable<EquipmentRow> rows)
    {
        int vcpu = 0, memory = 0, storage = 0, bandwidth = 0;
        foreach (var r in rows)
        {
            var n = r.Quantity ?? 0;
            vcpu += (r.Vcpu ?? 0) * n;
            memory += (r.MemoryGb ?? 0) * n;
            storage += (r.StorageGb ?? 0) * n;
            bandwidth += (r.BandwidthMbps ?? 0) * n;
        }
        return (new Resources(vcpu, memory, storage), bandwidth);
    }
}
