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
    /// 迁移上云率: systems on the cloud ÷ the agency's non-classified systems still in service.
    /// Systems in a certified data centre count as migrated for the time being.
    /// </summary>
    public static MigrationCount Migration(IEnumerable<(SystemLifecycle State, SystemLocation Location)> systems)
    {
        var live = systems.Where(s => s.State != SystemLifecycle.Offline).ToList();
        var migrated = live.Count(s => s.State == SystemLifecycle.OnCloud || s.Location is SystemLocation.OnCloud or SystemLocation.CertifiedDataCenter);
        return new MigrationCount(migrated, live.Count);
    }

    /// <summary>MLPS (等保) levels run from 1 to 5; null while not yet graded.</summary>
    public static string? CheckMlpsLevel(int? level) => level is null or (>= 1 and <= 5) ? null : "等保级别须为 1 至 5 级";
}
