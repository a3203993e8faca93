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
    /// In formal use, until reclaimed: such a VM takes pool capacity as allocated (before that its approved row holds it as
    /// reserved, R-20.1, R-21.5) and is billed (a trial costs nothing, R-A4.1). Queries filter on this list.
    /// </summary>
    public static readonly VmState[] InUse = [VmState.Active, VmState.Changing, VmState.Reclaiming];

    public static bool IsAllocated(this VmState state) => InUse.Contains(state);

    public static bool IsBilled(this VmState state) => InUse.Contains(state);
}
