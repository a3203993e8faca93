using GovCloud.Web.Infrastructure;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>One VM to build: the approved row and, for the manual provider, what the operator built.</summary>
public sealed record VmOrder(string Zone, ApprovedVm Approved, DeliveredVm Recorded);

/// <summary>What the platform reports of a built VM.</summary>
public sealed record BuiltVm(string HostName, IReadOnlyList<string> Ips, int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb, string OperatingSystem,
    IReadOnlyList<string> BastionAccounts, string? ExternalId);

/// <summary>
/// Builds the VMs of a trial environment on the cloud platform. The first provider is manual: the
/// operator builds in the platform's console and records the result here. A platform adapter
/// (OpenStack or another) implements the same interface and reports what it built.
/// </summary>
public interface IVmProvider
{
    /// <summary>The name kept with every VM it built.</summary>
    string Name { get; }

    Task<BuiltVm> BuildAsync(VmOrder order, CancellationToken ct);
}

/// <summary>The operator has built the VM by hand; what was recorded is what exists.</summary>
public sealed class ManualVmProvider : IVmProvider
{
    public string Name => "手工交付";

    public Task<BuiltVm> BuildAsync(VmOrder order, CancellationToken ct)
    {
        var r = order.Recorded;
        return Task.FromResult(new BuiltVm(Texts.Line(r.HostName)!, DeliveryRules.ParseIps(r.Ips)!, r.Vcpu!.Value, r.MemoryGb!.Value, r.SystemDiskGb!.Value,
            r.DataDiskGb ?? 0, Texts.Line(r.OperatingSystem)!, r.BastionAccounts!.Select(a => Texts.Line(a) ?? "").ToList(), null));
    }
}
