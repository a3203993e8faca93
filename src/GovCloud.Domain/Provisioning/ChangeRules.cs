using GovCloud.Domain;
using GovCloud.Domain.Applications;

namespace GovCloud.Domain.Provisioning;

/// <summary>A VM's size: what a resize asks for and what the pool counts.</summary>
public sealed record VmSize(int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb)
{
    public Resources Resources => new(Vcpu, MemoryGb, SystemDiskGb + DataDiskGb);
}

/// <summary>One line of a change as the agency asks it: a VM it holds resized or removed, or a new VM (its Annex 3 row).</summary>
public sealed record ChangeLineRequest(ChangeLineAction? Action, Guid? VmId, VmSize? To, VmRequest? NewVm, string? ItemCode = null, int? Quantity = null);

/// <summary>A catalogue service the system holds now.</summary>
public sealed record HeldService(Guid Id, string ItemCode, string ItemName, int Quantity, VmState State);

/// <summary>A VM the system holds now, as the change sees it.</summary>
public sealed record HeldVm(Guid Id, string HostName, string Zone, VmSize Size, VmState State);

/// <summary>How the data of a terminated system was dealt with .</summary>
public enum DataDisposal
{
    /// <summary>移交: handed over to the agency.</summary>
    Handover,
    /// <summary>清除: wiped from the cloud.</summary>
    Wipe,
    /// <summary>移交后清除.</summary>
    HandoverThenWipe,
}

/// <summary>The two parts of a system's data disposal: the handover and the wipe, and who did them.</summary>
public sealed record DisposalRecord(string? HandedOverTo, string? HandoverContent, DateOnly? HandedOverOn, string? WipeMethod, DateOnly? WipedOn, string? People)
{
    /// <summary>"移交 市档案馆（业务数据 2019—2026）2026-11-20；清除 多次覆写 2026-11-25": for lists, logs and the inventory's note.</summary>
    public string Summary => $"移交 {HandedOverTo}（{HandoverContent}）{HandedOverOn:yyyy-MM-dd}；清除 {WipeMethod} {WipedOn:yyyy-MM-dd}";
}

/// <summary>
/// The change of as a difference against what a system holds, and the termination of:
/// what each must say, what it asks of the pool, and what closes a termination.
/// </summary>
public static class ChangeRules
{
    public static string DisplayName(this DataDisposal disposal) => disposal switch
    {
        DataDisposal.Handover => "数据移交",
        DataDisposal.Wipe => "数据清除",
        DataDisposal.HandoverThenWipe => "移交后清除",
        _ => disposal.ToString(),
    };

    /// <summary>Every problem of a change, by field; a VM in the middle of another change or being reclaimed cannot be changed.</summary>
    public static IReadOnlyList<RuleProblem> Validate(IReadOnlyList<ChangeLineRequest> lines, IReadOnlyList<HeldVm> held, VmLimits limits, string systemName,
        ElasticEnvelope? elastic = null, IReadOnlyCollection<string>? serviceItems = null, IReadOnlyList<HeldService>? services = null)
    {
        serviceItems ??= [];
        services ??= [];
        var items = new HashSet<string>();
        var problems = new List<RuleProblem>();
        if (lines.Count == 0 && elastic is null) problems.Add(new RuleProblem("lines", "请至少填写一项变更"));
        if (elastic is not null) problems.AddRange(ElasticRules.Validate(elastic, limits));
        var touched = new HashSet<Guid>();
        var newRows = new List<(int Index, VmRequest Row)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var f = $"lines[{i}]";
            switch (line.Action)
            {
                case null:
                    problems.Add(new RuleProblem($"{f}.action", "请选择变更类型"));
                    break;
                case ChangeLineAction.Add:
                    if (line.NewVm is null) problems.Add(new RuleProblem($"{f}.newVm", "请填写新增虚拟机的配置"));
                    else newRows.Add((i, line.NewVm));
                    break;
                case ChangeLineAction.AddService or ChangeLineAction.RemoveService:
                    if (line.ItemCode is null || !items.Add(line.ItemCode)) { problems.Add(new RuleProblem($"{f}.itemCode", "请选择服务，同一服务只填一项")); break; }
                    if (line.Action == ChangeLineAction.AddService)
                    {
                        if (!serviceItems.Contains(line.ItemCode)) problems.Add(new RuleProblem($"{f}.itemCode", $"服务“{line.ItemCode}”不在服务目录中（虚拟机请按虚拟机新增）"));
                        if (line.Quantity is null or < 1 or > 10000) problems.Add(new RuleProblem($"{f}.quantity", "数量须为 1 至 10000 之间的整数"));
                    }
                    else if (!services.Any(s => s.ItemCode == line.ItemCode && s.State == VmState.Active))
                        problems.Add(new RuleProblem($"{f}.itemCode", "本系统没有正在使用的该项服务"));
                    break;
                default:
                    var vm = held.FirstOrDefault(h => h.Id == line.VmId);
                    if (vm is null) { problems.Add(new RuleProblem($"{f}.vmId", "请选择本系统正在使用的虚拟机")); break; }
                    if (!touched.Add(vm.Id)) problems.Add(new RuleProblem($"{f}.vmId", $"虚拟机 {vm.HostName} 只能出现在一项变更中"));
                    if (vm.State != VmState.Active) problems.Add(new RuleProblem($"{f}.vmId", $"虚拟机 {vm.HostName} 当前为“{vm.State.DisplayName()}”，只有正式使用中的虚拟机可以变更"));
                    if (line.Action == ChangeLineAction.Resize) problems.AddRange(CheckSize($"{f}.to", vm.HostName, line.To, vm.Size, limits));
                    break;
            }
        }
        // New VMs follow the Annex 3 rules of an application, numbered by their line.
        var rows = newRows.Select(n => n.Row with { No = n.Index + 1, SystemName = n.Row.SystemName ?? systemName }).ToList();
        if (rows.Count > 0)
            foreach (var p in VmRules.Validate(rows, limits, systemName))
                problems.Add(new RuleProblem($"lines[{p.Row - 1}].newVm.{p.Field}", p.Message));
        if (held.Count > 0 && lines.Any(l => l.Action == ChangeLineAction.Remove) && lines.All(l => l.Action is ChangeLineAction.Remove or ChangeLineAction.RemoveService) && held.Where(h => h.State == VmState.Active).All(h => touched.Contains(h.Id)))
            problems.Add(new RuleProblem("lines", "删除全部虚拟机请提交终止申请"));
        return problems;
    }

    private static IEnumerable<RuleProblem> CheckSize(string field, string host, VmSize? to, VmSize from, VmLimits limits)
    {
        if (to is null) { yield return new RuleProblem(field, $"请填写 {host} 调整后的配置"); yield break; }
        if (to == from) yield return new RuleProblem(field, $"{host} 调整后的配置与现在相同");
        if (to.Vcpu < 1 || to.Vcpu > limits.MaxVcpu) yield return new RuleProblem(field + ".vcpu", $"vCPU 须为 1 至 {limits.MaxVcpu} 核");
        if (to.MemoryGb < 1 || to.MemoryGb > limits.MaxMemoryGb) yield return new RuleProblem(field + ".memoryGb", $"内存须为 1 至 {limits.MaxMemoryGb} GB");
        if (to.SystemDiskGb < 1 || to.SystemDiskGb > limits.MaxSystemDiskGb) yield return new RuleProblem(field + ".systemDiskGb", $"系统盘须为 1 至 {limits.MaxSystemDiskGb} GB");
        if (to.DataDiskGb < 0 || to.DataDiskGb > limits.MaxDataDiskGb) yield return new RuleProblem(field + ".dataDiskGb", $"数据盘须为 0 至 {limits.MaxDataDiskGb} GB");
        // A disk is extended, never shrunk in place: data would be lost.
        if (to.SystemDiskGb < from.SystemDiskGb || to.DataDiskGb < from.DataDiskGb)
            yield return new RuleProblem(field + ".dataDiskGb", $"{host} 的磁盘只能扩容，不能缩小（需要缩小请新增虚拟机迁移后删除原虚拟机）");
    }

    /// <summary>
    /// What the change takes from the pool per zone: only the increases (what it gives back returns when carried
    /// out); zones it takes nothing from are left out, so a change that only shrinks, removes or touches services asks nothing.
    /// </summary>
    public static IReadOnlyDictionary<string, Resources> Increase(IEnumerable<(string Zone, VmSize? From, VmSize? To)> lines) =>
        lines.Where(l => l.From is not null || l.To is not null).GroupBy(l => l.Zone).Select(g => (g.Key, Sum: g.Aggregate(Resources.None, (sum, l) =>
        {
            var from = l.From?.Resources ?? Resources.None;
            var to = l.To?.Resources ?? Resources.None;
            return sum + new Resources(Math.Max(0, to.Vcpu - from.Vcpu), Math.Max(0, to.MemoryGb - from.MemoryGb), Math.Max(0, to.StorageGb - from.StorageGb));
        }))).Where(z => z.Sum != Resources.None).ToDictionary(z => z.Key, z => z.Sum);

    /// <summary>R-21.7: before applying, the agency has taken the system offline and migrated or backed up its data, with evidence.</summary>
    public static IReadOnlyList<RuleProblem> ValidateTermination(bool? offline, bool? dataSecured, int evidenceFiles)
    {
        var problems = new List<RuleProblem>();
        if (offline != true) problems.Add(new RuleProblem("systemOffline", "请确认信息系统已下线"));
        if (dataSecured != true) problems.Add(new RuleProblem("dataSecured", "请确认数据已迁移或备份"));
        if (evidenceFiles == 0) problems.Add(new RuleProblem("evidence", "请上传下线及数据迁移/备份的证明材料"));
        return problems;
    }

    /// <summary>
    /// R-26.2 (Art. 26: 要做好数据资源的移交和清除工作) and: the record that closes a termination or a system shut down
    /// in consolidation holds both parts — the handover (to whom, what, when) and the wipe (how, when) — with the people
    /// who did it and witnessed it and the certificate. From <paramref name="handoverFromLevel"/> up (MLPS) the data is
    /// handed over (archived) before it is wiped: the wipe may not come first.
    /// </summary>
    public static IReadOnlyList<RuleProblem> ValidateDisposal(DisposalRecord r, bool hasCertificate, DateOnly today, int? mlpsLevel, int handoverFromLevel)
    {
        var problems = new List<RuleProblem>();
        void Text(string? value, string field, string label, int max)
        {
            if (TextRules.IsBlank(value)) problems.Add(new RuleProblem(field, $"请填写{label}"));
            else if (value.Length > max) problems.Add(new RuleProblem(field, $"{label}不能超过 {max} 个字"));
        }
        void Day(DateOnly? value, string field, string label)
        {
            if (value is null) problems.Add(new RuleProblem(field, $"请填写{label}"));
            else if (value > today) problems.Add(new RuleProblem(field, $"{label}不能晚于今天"));
        }
        Text(r.HandedOverTo, "disposal.handedOverTo", "数据移交给（接收单位或人员）", 100);
        Text(r.HandoverContent, "disposal.handoverContent", "移交的数据内容", 500);
        Day(r.HandedOverOn, "disposal.handedOverOn", "移交日期");
        Text(r.WipeMethod, "disposal.wipeMethod", "清除方式", 100);
        Day(r.WipedOn, "disposal.wipedOn", "清除日期");
        Text(r.People, "disposal.people", "经办及见证人员", 200);
        if (mlpsLevel >= handoverFromLevel && r.HandedOverOn is { } handed && r.WipedOn is { } wiped && wiped < handed)
            problems.Add(new RuleProblem("disposal.wipedOn", $"该系统为等保第{mlpsLevel}级，数据须先移交归档再清除：清除日期不能早于移交日期 {handed:yyyy-MM-dd}"));
        if (!hasCertificate) problems.Add(new RuleProblem("disposal.certificate", "请上传数据移交及清除证明"));
        return problems;
    }
}
