namespace GovCloud.Domain.Applications;

/// <summary>存量 / 新建 / 升级改造: what asks to attach depends on it.</summary>
public enum SystemKind
{
    Existing,
    New,
    Upgraded,
}

/// <summary>Where a system runs now .</summary>
public enum SystemLocation
{
    OnCloud,
    CertifiedDataCenter,
    UncertifiedDataCenter,
    Elsewhere,
}

/// <summary>待迁移 → 试用中 → 已上云 → 已下线.</summary>
public enum SystemLifecycle
{
    PendingMigration,
    InTrial,
    OnCloud,
    Offline,
}

/// <summary>
/// What the registers know of one system: whether it is offline, whether it has VMs in formal use (inventory), and
/// whether a data centre of the register hosts it, retained (certified, retention running, not revoked) or not.
/// </summary>
public readonly record struct SystemFacts(SystemLifecycle Lifecycle, bool InFormalUse, bool InRetainedCentre, bool HostedByCentre);

/// <summary>How many of an agency's systems in service are migrated; Rate is null when it has none.</summary>
public readonly record struct MigrationCount(int Migrated, int InService)
{
    public double? Rate => InService == 0 ? null : (double)Migrated / InService;
}

public static class InfoSystemRules
{
    public static string DisplayName(this SystemKind kind) => kind switch
    {
        SystemKind.Existing => "存量",
        SystemKind.New => "新建",
        SystemKind.Upgraded => "升级改造",
        _ => kind.ToString(),
    };

    public static string DisplayName(this SystemLocation location) => location switch
    {
        SystemLocation.OnCloud => "政务云",
        SystemLocation.CertifiedDataCenter => "已认定的自建数据中心",
        SystemLocation.UncertifiedDataCenter => "未认定的自建数据中心",
        SystemLocation.Elsewhere => "其他（租用第三方等）",
        _ => location.ToString(),
    };

    public static string DisplayName(this SystemLifecycle state) => state switch
    {
        SystemLifecycle.PendingMigration => "待迁移",
        SystemLifecycle.InTrial => "试用中",
        SystemLifecycle.OnCloud => "已上云",
        SystemLifecycle.Offline => "已下线",
        _ => state.ToString(),
    };

    /// <summary>
    /// Where the registers show a system runs, whatever its own entry says (Art. 14(五), Art. 30): on the cloud when it
    /// has VMs in formal use in the inventory; in a certified centre while that centre's retention runs; in an
    /// uncertified centre when a centre of the data-centre register hosts it otherwise; null when no register knows.
    /// </summary>
    public static SystemLocation? VerifiedLocation(SystemFacts f) =>
        f.InFormalUse ? SystemLocation.OnCloud
        : f.InRetainedCentre ? SystemLocation.CertifiedDataCenter
        : f.HostedByCentre ? SystemLocation.UncertifiedDataCenter
        : null;

    /// <summary>
    /// 迁移上云率: systems migrated ÷ the agency's non-classified systems still in service. Migrated means on the
    /// cloud by the inventory, or — for the time being — in a certified centre during its retention; from the day
    /// after retention ends such a system counts as not migrated. A system's own entry of where it runs counts for nothing.
    /// </summary>
    public static MigrationCount Migration(IEnumerable<SystemFacts> systems)
    {
        var live = systems.Where(s => s.Lifecycle != SystemLifecycle.Offline).ToList();
        return new MigrationCount(live.Count(s => s.InFormalUse || s.InRetainedCentre), live.Count);
    }

    /// <summary>
    /// Art. 4: new and upgraded systems are built on the shared cloud. Another place is refused unless the Bureau
    /// has recorded an exception for the system; null when the entry may stand.
    /// </summary>
    public static string? CheckBuiltOnCloud(SystemKind kind, SystemLocation location, bool hasException) =>
        kind == SystemKind.Existing || location == SystemLocation.OnCloud || hasException ? null
        : $"{kind.DisplayName()}的系统须部署在政务云（细则第四条）；确需部署在其他位置的，须由大数据局审批人员登记例外并说明理由";

    /// <summary>MLPS (等保) levels run from 1 to 5; null while not yet graded.</summary>
    public static string? CheckMlpsLevel(int? level) => level is null or (>= 1 and <= 5) ? null : "等保级别须为 1 至 5 级";
}
