using GovCloud.Domain.Applications;

namespace GovCloud.Domain.Provisioning;

/// <summary>How far each VM of an elastic system may scale without asking: vCPU and memory, lowest and highest.</summary>
public sealed record ElasticEnvelope(int MinVcpu, int MaxVcpu, int MinMemoryGb, int MaxMemoryGb)
{
    public override string ToString() => $"vCPU {MinVcpu}–{MaxVcpu} 核、内存 {MinMemoryGb}–{MaxMemoryGb} GB";
}

/// <summary>
/// "业务量变化幅度较大的信息系统根据实时需要动态弹性调整" — a system approved as elastic (through a
/// change) scales its VMs inside the approved envelope without approval; outside it takes a change request.
/// </summary>
public static class ElasticRules
{
    public static IReadOnlyList<RuleProblem> Validate(ElasticEnvelope e, VmLimits limits)
    {
        var problems = new List<RuleProblem>();
        if (e.MinVcpu < 1 || e.MaxVcpu > limits.MaxVcpu || e.MinVcpu > e.MaxVcpu)
            problems.Add(new RuleProblem("elastic.vcpu", $"弹性 vCPU 范围须在 1 至 {limits.MaxVcpu} 核之间，且下限不大于上限"));
        if (e.MinMemoryGb < 1 || e.MaxMemoryGb > limits.MaxMemoryGb || e.MinMemoryGb > e.MaxMemoryGb)
            problems.Add(new RuleProblem("elastic.memoryGb", $"弹性内存范围须在 1 至 {limits.MaxMemoryGb} GB 之间，且下限不大于上限"));
        return problems;
    }

    /// <summary>Null when the VM may scale to this size by itself, else why not (in Chinese, pointing to a change request).</summary>
    public static string? Check(ElasticEnvelope? envelope, int vcpu, int memoryGb)
    {
        if (envelope is null) return "该系统未经批准弹性调整，调整配置请提交变更申请";
        if (vcpu < envelope.MinVcpu || vcpu > envelope.MaxVcpu || memoryGb < envelope.MinMemoryGb || memoryGb > envelope.MaxMemoryGb)
            return $"调整后为 {vcpu} 核 / {memoryGb} GB，超出批准的弹性范围（{envelope}），请提交变更申请";
        return null;
    }
}
