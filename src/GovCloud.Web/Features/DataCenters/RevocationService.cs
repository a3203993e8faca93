using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataCenters;

public sealed record EquipmentInput(EquipmentKind? Kind, string? Model, int? Quantity, int? Vcpu, int? MemoryGb, int? StorageGb, int? BandwidthMbps);

/// <summary>The Bureau's revocation: the zone the capacity goes to, whether an office network room remains, and the equipment list.</summary>
public sealed record RevocationInput(Guid? ZoneId, bool? OfficeRoomRemains, string? Note, IReadOnlyList<EquipmentInput>? Equipment, long? Version);

public sealed record EquipmentDto(int RowNo, EquipmentKind Kind, string Model, int Quantity, int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>A revoked centre: when, by whom, and what its equipment brought to which zone of the pool.</summary>
public sealed record RevocationDto(
    Guid DataCenterId, DateOnly RevokedOn, string? RevokedBy, bool OfficeRoomRemains, string? Note, string? ZoneName, IReadOnlyList<EquipmentDto> Equipment,
    int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps);

/// <summary>
/// 撤销 and 统筹利用 (R-16.1, R-20.1): once every system of the centre's approved plan is on the cloud or shut down,
/// the Bureau records the centre revoked (an office network room may remain) and takes its equipment into a zone
/// of the shared pool, as capacity whose source is the revoked centre — in one transaction with the audit entries.
/// </summary>
public sealed class RevocationService(GovCloudDbContext db, DataScope scope, PoolService pools, InboxService inbox, AuditLog audit, TimeProvider clock)
{
    public async Task<RevocationDto> GetAsync(Actor actor, Guid dataCenterId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var centre = await db.DataCenters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dataCenterId && (visible == null || visible.Contains(d.OrganisationId)), ct)
                     ?? throw ProblemException.NotFound("数据中心");
        if (centre.RevokedOn is not { } revokedOn) throw ProblemException.NotFound("撤销记录");
        var rows = await db.DataCenterEquipment.AsNoTracking().Where(e => e.DataCenterId == dataCenterId).OrderBy(e => e.RowNo)
            .Select(e => new EquipmentDto(e.RowNo, e.Kind, e.Model, e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps)).ToListAsync(ct);
        var zone = centre.RevocationZoneId is { } z ? await db.NetworkZones.Where(x => x.Id == z).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var (r, bandwidth) = MigrationRules.Capacity(rows.Select(Row));
        return new RevocationDto(centre.Id, revokedOn, centre.RevokedBy, centre.OfficeRoomRemains, centre.RevocationNote, zone, rows, r.Vcpu, r.MemoryGb, r.StorageGb,
            bandwidth);
    }

    public async Task<RevocationDto> RevokeAsync(Actor actor, Guid dataCenterId, RevocationInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("数据中心由大数据局审批人员撤销");
        var centre = await db.DataCenters.FirstOrDefaultAsync(d => d.Id == dataCenterId, ct) ?? throw ProblemException.NotFound("数据中心");
        ProblemException.CheckVersion(input.Version, centre.Version, "数据中心");
        var planApproved = await db.MigrationPlans.AnyAsync(p => p.DataCenterId == centre.Id && p.State == MigrationPlanState.Approved, ct);
        var pending = await db.InfoSystems.Where(s => s.DataCenterId == centre.Id && s.Lifecycle != Domain.Applications.SystemLifecycle.OnCloud
                                                      && s.Lifecycle != Domain.Applications.SystemLifecycle.Offline)
            .OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var refused = MigrationRules.CheckRevocation(centre.RevokedOn is not null, planApproved, pending);
        if (refused.Count > 0) throw new ProblemException(409, "暂不能撤销", string.Join("；", refused));

        var rows = (input.Equipment ?? []).Select(e => new EquipmentRow(e.Kind, Texts.Line(e.Model), e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps)).ToList();
        var v = new Validation();
        foreach (var p in MigrationRules.ValidateEquipment(rows)) v.Add(p.Field, p.Message);
        var (resources, bandwidth) = MigrationRules.Capacity(rows);
        var delta = new PoolCapacity(resources, bandwidth, 0);
        var zone = input.ZoneId is { } zoneId ? await db.NetworkZones.FirstOrDefaultAsync(z => z.Id == zoneId, ct) : null;
        if (!delta.IsEmpty && zone is null) v.Add("zoneId", "请选择设备容量纳入的资源池网络分区");
        if (input.Note?.Length > 1000) v.Add("note", "说明不能超过 1000 个字");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var today = ChinaTime.Today(clock);
        (centre.RevokedOn, centre.RevokedBy, centre.OfficeRoomRemains, centre.RevocationNote) = (today, actor.UserName, input.OfficeRoomRemains ?? false, Texts.OrNull(input.Note));
        centre.RevocationZoneId = delta.IsEmpty ? null : zone!.Id;
        centre.Version++;
        db.DataCenterEquipment.AddRange(rows.Select((r, i) => new DataCenterEquipment
        {
            DataCenterId = centre.Id, RowNo = i + 1, Kind = r.Kind!.Value, Model = r.Model!, Quantity = r.Quantity!.Value, Vcpu = r.Vcpu ?? 0, MemoryGb = r.MemoryGb ?? 0,
            StorageGb = r.StorageGb ?? 0, BandwidthMbps = r.BandwidthMbps ?? 0,
        }));
        if (!delta.IsEmpty) pools.Record(actor, zone!, delta, CapacitySource.RevokedDataCenter, $"撤销“{centre.Name}”数据中心");
        audit.Record(actor, AuditActions.DataCenterRevoked, nameof(DataCenter), centre.Id, null, new
        {
            centre.Name, centre.OfficeRoomRemains, zone = zone?.Name, resources.Vcpu, resources.MemoryGb, resources.StorageGb, bandwidth, equipment = rows.Count,
        });
        await inbox.CaseProgressAsync(centre.OrganisationId, Role.AgencyOperator, "数据中心已撤销", centre.Name,
            $"“{centre.Name}”的系统已全部迁移或关停，大数据局已撤销该数据中心{(centre.OfficeRoomRemains ? "（保留办公网络机房）" : "")}，设备纳入政务云统筹利用。",
            $"/datacenters/{centre.Id}", $"datacenter:{centre.Id}:revoked", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, centre.Id, ct);
    }

    private static EquipmentRow Row(EquipmentDto e) => new(e.Kind, e.Model, e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps);
}
