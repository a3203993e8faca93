namespace GovCloud.Domain.Applications;

/// <summary>One priced quantity of the estimate: e.g. 16 核 × 30.00 元/核·月.</summary>
public sealed record FeeLine(string ItemName, string ComponentName, string Unit, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

public sealed record FeeEstimate(IReadOnlyList<FeeLine> Lines, decimal Monthly, IReadOnlyList<string> Unpriced)
{
    public decimal Yearly => Monthly * 12;
}

/// <summary>What the requested resources would cost per month at the catalogue prices of a day (R-A4.1).</summary>
public static class FeeRules
{
    /// <summary>The catalogue components a VM is billed by, in the catalogue's "vm" item.</summary>
    public const string VmItem = "vm", Vcpu = "vcpu", Memory = "memory", Storage = "storage";

    /// <summary>What a quantity is counted in, from the unit it is billed by: "GB·月" → "GB", "个·月" → "个".</summary>
    public static string QuantityUnit(string? billingUnit) => billingUnit?.Split('·', '/')[0].Trim() ?? "";

    /// <summary>A catalogue service with its quantity and unit, as every list shows it: "数据备份与灾备 500 GB".</summary>
    public static string ServiceQuantity(string name, decimal quantity, string? billingUnit) =>
        $"{name} {quantity:#,0.##} {QuantityUnit(billingUnit)}".TrimEnd();

    /// <summary>The totals a set of VMs is billed by: vCPU, memory GB, and system + data disk GB.</summary>
    public static (int Vcpu, int MemoryGb, int StorageGb) VmTotals(IEnumerable<(int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb)> vms)
    {
        int cpu = 0, memory = 0, storage = 0;
        foreach (var vm in vms)
        {
            cpu += vm.Vcpu;
            memory += vm.MemoryGb;
            storage += vm.SystemDiskGb + vm.DataDiskGb;
        }
        return (cpu, memory, storage);
    }

    /// <summary>
    /// Prices each quantity with <paramref name="price"/> (null when the catalogue has no price for it
    /// that day: the line is left out and named in Unpriced, never guessed).
    /// </summary>
    public static FeeEstimate Estimate(IEnumerable<(string Item, string Component, decimal Quantity)> quantities,
        Func<string, string, (string ItemName, string ComponentName, string Unit, decimal UnitPrice)?> price)
    {
        var lines = new List<FeeLine>();
        var unpriced = new List<string>();
        foreach (var (item, component, quantity) in quantities)
        {
            if (quantity == 0) continue;
            if (price(item, component) is { } p) lines.Add(new FeeLine(p.ItemName, p.ComponentName, p.Unit, quantity, p.UnitPrice));
            else unpriced.Add($"{item}/{component}");
        }
        return new FeeEstimate(lines, lines.Sum(l => l.Amount), unpriced);
    }
}
