namespace GovCloud.Domain.Monitoring;

/// <summary>
/// 资源调整建议: the Center proposes that an idle VM be reclaimed or an oversized one made smaller; the agency decides. Accepted, it
/// becomes the agency's change request (the usual evaluation, approval and carrying out follow); declined, it ends with the agency's reason.
/// </summary>
public enum SizingProposalState
{
    Open,
    Accepted,
    Declined,
}

public static class SizingProposals
{
    public const int MaxNoteLength = 500;

    public static string DisplayName(this SizingProposalState state) => state switch
    {
        SizingProposalState.Open => "待使用单位确认",
        SizingProposalState.Accepted => "已采纳",
        SizingProposalState.Declined => "未采纳",
        _ => state.ToString(),
    };

    /// <summary>What is proposed, as the agency reads it: 回收 for an idle VM, the new size for an oversized one.</summary>
    public static string Proposal(SizingVerdict verdict, int vcpu, int memoryGb, int toVcpu, int toMemoryGb) => verdict == SizingVerdict.Idle
        ? "回收该虚拟机"
        : $"由 {vcpu} 核 {memoryGb} GB 调整为 {toVcpu} 核 {toMemoryGb} GB";
}
