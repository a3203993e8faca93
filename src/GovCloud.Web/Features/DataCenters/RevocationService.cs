using GovCloud.Domain.Calendar;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataCenters;

public sealed record EquipmentInput(EquipmentKind? Kind, string? Model, int? Quantity, int? Vcpu, int? MemoryGb, int? StorageGb, int? BandwidthMbps);

/// <summary>The agency's revocation: what was removed, whether an office network room remains, and the equipment it hands over.</summary>
public sealed record RevocationInput(bool? OfficeRoomRemains, string? Note, IReadOnlyList<EquipmentInput>? Equipment, long? Version);

/// <summary>The Bureau's confirmation: the zone of the pool the equipment's capacity goes to.</summary>
public sealed record RevocationConfirmationInput(Guid? ZoneId, string? Opinion, long? Version);

public sealed record EquipmentDto(int RowNo, EquipmentKind Kind, string Model, int Quantity, int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>A revoked centre: when and by whom, what its equipment brings, and whether the Bureau has taken it into the pool.</summary>
public sealed record RevocationDto(
    Guid DataCenterId, DateOnly RevokedOn, string? RevokedBy, bool OfficeRoomRemains, string? Note, string? ZoneName, IReadOnlyList<EquipmentDto> Equipment,
    int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps, DateOnly? ConfirmedOn, string? ConfirmedBy, string? Opinion, IReadOnlyList<ClockDto> Clocks)
{
    public bool Confirmed => ConfirmedOn is not null;
}

/// <summary>
/// 撤销 and 统筹利用 (R-16.1, R-20.1; Art. 16(三): 市有关部门撤销自建数据中心): once every system of the centre's
/// approved plan is on the cloud or shut down, the agency records its centre revoked — what was removed, the office
/// network room that may remain, the equipment it hands over; the Bureau confirms within its period and takes the
/// equipment into a zone of the shared pool as capacity whose source is the revoked centre. Each step is one
/// transaction with its audit entry, clock and messages.
/// </summary>
public sealed class RevocationService(GovCloudDbContext db, DataScope scope, PoolService pools, DeadlineClockService clocks, InboxService inbox, AuditLog audit,
    Work.HandoverNotices handovers, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string CaseType = "DataCenterRevocation";

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
            bandwidth, centre.RevocationConfirmedOn, centre.RevocationConfirmedBy, centre.RevocationOpinion, await clocks.ForCaseAsync(CaseType, centre.Id.ToString(), ct));
    }

    /// <summary>The agency revokes its centre and lists the equipment it hands over; the Bureau's period to confirm starts.</summary>
    public async Task<RevocationDto> RevokeAsync(Actor actor, Guid dataCenterId, RevocationInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("数据中心由其所属单位（使用单位经办人）撤销，大数据局确认");
        var centre = await db.VisibleCentreAsync(scope, actor, dataCenterId, ct);
        ProblemException.CheckVersion(input.Version, centre.Version, "数据中心");
        var planApproved = await db.MigrationPlans.AnyAsync(p => p.DataCenterId == centre.Id && p.State == MigrationPlanState.Approved, ct);
        var pending = await db.InfoSystems.Where(s => s.DataCenterId == centre.Id && s.Lifecycle != Domain.Applications.SystemLifecycle.OnCloud
                                                      && s.Lifecycle != Domain.Applications.SystemLifecycle.Offline)
            .OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var refused = MigrationRules.CheckRevocation(centre.RevokedOn is not null, planApproved, pending);
        if (refused.Count > 0) throw new ProblemException(409, "暂不能撤销", string.Join("；", refused));

        var rows = Rows(input.Equipment);
        var v = new Validation();
        foreach (var p in MigrationRules.ValidateEquipment(rows)) v.Add(p.Field, p.Message);
        v.Required(input.Note, "note", "撤销情况（撤除的设施、设备去向）", 1000);
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var today = ChinaTime.Today(clock);
        (centre.RevokedOn, centre.RevokedBy, centre.OfficeRoomRemains, centre.RevocationNote) = (today, actor.UserName, input.OfficeRoomRemains ?? false, Texts.OrNull(input.Note));
        centre.Version++;
        db.DataCenterEquipment.AddRange(rows.Select((r, i) => new DataCenterEquipment
        {
            DataCenterId = centre.Id, RowNo = i + 1, Kind = r.Kind!.Value, Model = r.Model!, Quantity = r.Quantity!.Value, Vcpu = r.Vcpu ?? 0, MemoryGb = r.MemoryGb ?? 0,
            StorageGb = r.StorageGb ?? 0, BandwidthMbps = r.BandwidthMbps ?? 0,
        }));
        var bureau = await db.OfficeAsync(OrganisationType.Bureau, ct);
        centre.RevocationClockId = (await clocks.StartAsync(actor, new ClockStart(CaseType, centre.Id.ToString(), $"“{centre.Name}”数据中心撤销", "Confirm", "确认撤销",
            bureau, Role.BureauApprover, new Period(options.Value.DataCenters.RevocationConfirmWorkingDays, PeriodUnit.WorkingDays), clock.GetUtcNow()), ct)).Id;
        var (resources, bandwidth) = MigrationRules.Capacity(rows);
        audit.Record(actor, AuditActions.DataCenterRevoked, nameof(DataCenter), centre.Id, null, new
        {
            centre.Name, centre.OfficeRoomRemains, note = centre.RevocationNote, resources.Vcpu, resources.MemoryGb, resources.StorageGb, bandwidth, equipment = rows.Count,
        });
        await handovers.TellAsync([], Domain.Work.WaitingFor.Revocation(confirmed: false),
            new Work.CaseRef(centre.OrganisationId, centre.Name, $"{centre.Organisation!.Name}撤销“{centre.Name}”", $"/datacenters/{centre.Id}"),
            $"{(centre.OfficeRoomRemains ? "保留办公网络机房；" : "")}移交设备 {rows.Count} 类，确认后纳入资源池统筹利用。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, centre.Id, ct);
    }

    /// <summary>The Bureau confirms the revocation and takes the equipment's capacity into a zone of the pool (Art. 16(四), Art. 20).</summary>
    public async Task<RevocationDto> ConfirmAsync(Actor actor, Guid dataCenterId, RevocationConfirmationInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("撤销由大数据局审批人员确认并统筹利用设备");
        var centre = await db.DataCenters.FirstOrDefaultAsync(d => d.Id == dataCenterId, ct) ?? throw ProblemException.NotFound("数据中心");
        ProblemException.CheckVersion(input.Version, centre.Version, "数据中心");
        if (centre.RevokedOn is null) throw new ProblemException(409, "尚未撤销", "该数据中心尚未由其所属单位撤销");
        if (centre.RevocationConfirmedOn is not null) throw new ProblemException(409, "已确认", "该数据中心的撤销已确认");
        var rows = await db.DataCenterEquipment.Where(e => e.DataCenterId == centre.Id)
            .Select(e => new EquipmentRow(e.Kind, e.Model, e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps)).ToListAsync(ct);
        var (resources, bandwidth) = MigrationRules.Capacity(rows);
        var delta = new PoolCapacity(resources, bandwidth, 0);
        var zone = input.ZoneId is { } zoneId ? await db.NetworkZones.FirstOrDefaultAsync(z => z.Id == zoneId, ct) : null;
        var v = new Validation();
        if (!delta.IsEmpty && zone is null) v.Add("zoneId", "请选择设备容量纳入的资源池网络分区");
        if (input.Opinion?.Length > 1000) v.Add("opinion", "意见不能超过 1000 个字");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (centre.RevocationConfirmedOn, centre.RevocationConfirmedBy, centre.RevocationOpinion) = (ChinaTime.Today(clock), actor.UserName, Texts.OrNull(input.Opinion));
        centre.RevocationZoneId = delta.IsEmpty ? null : zone!.Id;
        if (centre.RevocationClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        centre.RevocationClockId = null;
        centre.Version++;
        if (!delta.IsEmpty) pools.Record(actor, zone!, delta, CapacitySource.RevokedDataCenter, $"撤销“{centre.Name}”数据中心");
        audit.Record(actor, AuditActions.DataCenterRevocationConfirmed, nameof(DataCenter), centre.Id, null, new
        {
            centre.Name, zone = zone?.Name, resources.Vcpu, resources.MemoryGb, resources.StorageGb, bandwidth, opinion = centre.RevocationOpinion,
        });
        await inbox.CaseProgressAsync(centre.OrganisationId, Role.AgencyOperator, "撤销已确认", centre.Name,
            $"大数据局已确认“{centre.Name}”的撤销，移交的设备已纳入政务云资源池统筹利用{(zone is null ? "" : $"（{zone.Name}）")}。",
            $"/datacenters/{centre.Id}", $"datacenter:{centre.Id}:confirmed", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, centre.Id, ct);
    }

    private static List<EquipmentRow> Rows(IReadOnlyList<EquipmentInput>? input) =>
        (input ?? []).Select(e => new EquipmentRow(e.Kind, Texts.Line(e.Model), e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps)).ToList();

    private static EquipmentRow Row(EquipmentDto e) => new(e.Kind, e.Model, e.Quantity, e.Vcpu, e.MemoryGb, e.StorageGb, e.BandwidthMbps);
}
