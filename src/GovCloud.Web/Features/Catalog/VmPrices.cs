using GovCloud.Domain.Applications;

namespace GovCloud.Web.Features.Catalog;

/// <summary>
/// The catalogue's unit prices of a VM's components on one day (null when the catalogue has none: the fee is then left out,
/// never guessed). The inventory prices VMs at today's prices, the operations bulletin idle VMs at its month's last day's.
/// </summary>
public sealed record VmPrices(decimal? Vcpu, decimal? Memory, decimal? Storage)
{
    public decimal Monthly(int vcpu, int memoryGb, int storageGb) =>
        FeeRules.Estimate([(FeeRules.VmItem, FeeRules.Vcpu, vcpu), (FeeRules.VmItem, FeeRules.Memory, memoryGb), (FeeRules.VmItem, FeeRules.Storage, storageGb)],
            (_, component) => (component switch { FeeRules.Vcpu => Vcpu, FeeRules.Memory => Memory, _ => Storage }) is { } p ? ("", "", "", p) : null).Monthly;

    /// <summary>What applies on <paramref name="day"/>, the catalogue's own answer as for applications and services.</summary>
    public static async Task<VmPrices> OnAsync(CatalogService catalog, DateOnly day, CancellationToken ct)
    {
        var vm = (await catalog.ItemsAsync(day, true, ct)).FirstOrDefault(i => i.Code == FeeRules.VmItem);
        decimal? Of(string component) => vm?.Prices.FirstOrDefault(p => p.Component == component)?.UnitPrice;
        return new VmPrices(Of(FeeRules.Vcpu), Of(FeeRules.Memory), Of(FeeRules.Storage));
    }
}
