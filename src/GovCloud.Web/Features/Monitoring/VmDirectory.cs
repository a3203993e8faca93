using GovCloud.Domain.Provisioning;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>What the usage figures need of a VM of the inventory: whose it is, where, and how big.</summary>
public sealed record VmFacts(Guid Id, Guid OrganisationId, Guid SystemId, string Zone, int Vcpu, int MemoryGb, int DiskGb);

/// <summary>
/// Finds the VMs of the inventory (not reclaimed) that the monitoring names by id, host name, address or the platform's own id.
/// Points arrive by the ten thousand: the names are kept in memory and read again from the database a minute later, or at
/// once (at most every few seconds) when a name is not found, so a VM delivered a moment ago is found too.
/// </summary>
public sealed class VmDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinReloadGap = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    private sealed record Snapshot(DateTimeOffset LoadedAt, Dictionary<string, VmFacts> ById, Dictionary<string, VmFacts> ByHostName,
        Dictionary<string, VmFacts> ByIp, Dictionary<string, VmFacts> ByExternalId);

    /// <summary>The VM each name stands for, by any of its names; names of no VM are left out.</summary>
    public async Task<IReadOnlyDictionary<string, VmFacts>> ResolveAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Distinct().ToList();
        var snapshot = await CurrentAsync(forceIfOlderThan: MaxAge, ct);
        var found = Find(snapshot, wanted);
        if (found.Count < wanted.Count)
        {
            var fresh = await CurrentAsync(forceIfOlderThan: MinReloadGap, ct);
            if (!ReferenceEquals(fresh, snapshot)) found = Find(fresh, wanted);
        }
        return found;
    }

    /// <summary>The VM a series label names when it is matched by <paramref name="by"/>; a port after an address is ignored.</summary>
    public async Task<IReadOnlyDictionary<string, VmFacts>> ResolveAsync(IEnumerable<string> labels, VmMatch by, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(forceIfOlderThan: MaxAge, ct);
        var found = new Dictionary<string, VmFacts>();
        foreach (var label in labels.Distinct())
        {
            var key = by == VmMatch.Ip ? WithoutPort(label) : label;
            var map = by switch { VmMatch.Ip => snapshot.ByIp, VmMatch.HostName => snapshot.ByHostName, _ => snapshot.ByExternalId };
            if (map.TryGetValue(key, out var vm)) found[label] = vm;
        }
        return found;
    }

    private static Dictionary<string, VmFacts> Find(Snapshot s, List<string> names)
    {
        var found = new Dictionary<string, VmFacts>();
        foreach (var name in names)
        {
            var key = name.Trim();
            if (s.ById.TryGetValue(key, out var vm) || s.ByHostName.TryGetValue(key, out vm) || s.ByIp.TryGetValue(key, out vm)
                || s.ByExternalId.TryGetValue(key, out vm))
                found[name] = vm;
        }
        return found;
    }

    /// <summary>"10.1.2.3:9100" → "10.1.2.3"; an IPv6 address in brackets loses them and its port.</summary>
    private static string WithoutPort(string label)
    {
        if (label.StartsWith('[') && label.IndexOf(']') is var close and > 0) return label[1..close];
        return label.Count(c => c == ':') == 1 ? label[..label.IndexOf(':')] : label;
    }

    private async Task<Snapshot> CurrentAsync(TimeSpan forceIfOlderThan, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } s && now - s.LoadedAt < forceIfOlderThan) return s;
        await _loading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && clock.GetUtcNow() - again.LoadedAt < forceIfOlderThan) return again;
            _snapshot = await LoadAsync(ct);
            return _snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var loadedAt = clock.GetUtcNow();
        var rows = await db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed)
            .Select(v => new { v.Id, v.OrganisationId, v.SystemId, v.Zone, v.Vcpu, v.MemoryGb, Disk = v.SystemDiskGb + v.DataDiskGb, v.HostName, v.Ips, v.ExternalId })
            .ToListAsync(ct);
        var ignoreCase = StringComparer.OrdinalIgnoreCase;
        Dictionary<string, VmFacts> byId = new(ignoreCase), byName = new(ignoreCase), byIp = new(ignoreCase), byExternal = new(ignoreCase);
        foreach (var r in rows)
        {
            var facts = new VmFacts(r.Id, r.OrganisationId, r.SystemId, r.Zone, r.Vcpu, r.MemoryGb, r.Disk);
            byId[r.Id.ToString()] = facts;
            byName.TryAdd(r.HostName, facts);
            foreach (var ip in r.Ips.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) byIp.TryAdd(ip, facts);
            if (!string.IsNullOrWhiteSpace(r.ExternalId)) byExternal.TryAdd(r.ExternalId, facts);
        }
        return new Snapshot(loadedAt, byId, byName, byIp, byExternal);
    }
}
