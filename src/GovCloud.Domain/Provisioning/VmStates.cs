namespace GovCloud.Domain.Provisioning;

/// <summary>Where a VM of the inventory stands .</summary>
public enum VmState
{
    Trial,
    Active,
    Changing,
    Reclaiming,
    Reclaimed,
}

/// <summary>What happened to a VM, for its history.</summary>
public enum VmEventKind
{
    Delivered,
    TrialExtended,
    Activated,
    Reclaimed,
    Resized,
    Scaled,
}

public static class VmStates
{
    public static string DisplayName(this VmState state) => state switch
    {
        VmState.Trial => "试用",
        VmState.Active => "正式使用",
        VmState.Changing => "变更中",
        VmState.Reclaiming => "回收中",
        VmState.Reclaimed => "已回收",
        _ => state.ToString(),
    };

    public static string DisplayName(this VmEventKind kind) => kind switch
    {
        VmEventKind.Delivered => "交付试用",
        VmEventKind.TrialExtended => "延长试用",
        VmEventKind.Activated => "正式开通",
        VmEventKind.Reclaimed => "回收",
        VmEventKind.Resized => "变更配置",
        VmEventKind.Scaled => "弹性调整",
        _ => kind.ToString(),
    };

    /// <summary>
    /// A VM takes pool capacity as allocated once in formal use (until it is reclaimed); before that its
    /// approved row holds the capacity as reserved.
    /// </summary>
    public static bool IsAllocated(this VmState state) => state is VmState.Active or VmState.Changing or VmState.Reclaiming;

    /// <summary>Billed from formal use on (R-A4.1): a trial costs nothing.</summary>
    public static bool IsBilled(this VmState state) => state is VmState.Active or VmState.Changing or VmState.Reclaiming;
}
