using GovCloud.Domain.Operations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Operations;

/// <summary>
/// 运维日志与预案 (R-23.1): each agency keeps on file, per system, where its logs are kept and for how long, its operations rules, its
/// emergency plan and its drills. The agency writes its own; the Center, the Bureau and the regulators read every system's; the
/// systems on the cloud with something missing or stale are listed for the Bureau and reminded to their agencies once a month.
/// </summary>
public sealed class SystemOperationsService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, FileStore files, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string CaseType = "SystemOperations";

    public async Task<SystemOperationsDto> GetAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        var system = await ReadableAsync(actor, systemId, ct);
        var record = await db.SystemOperationsRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SystemId == systemId, ct);
        var documents = await db.OperationsDocuments.AsNoTracking().Where(d => d.SystemId == systemId).OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.UploadedAt)
            .ToListAsync(ct);
        var drills = await db.EmergencyDrills.AsNoTracking().Where(d => d.SystemId == systemId).OrderByDescending(d => d.HeldOn).ToListAsync(ct);
        var problems = OperationsOnFile.Problems(record?.LogLocation, record?.LogRetentionMonths, Latest(documents, OperationsDocumentKind.Rules),
            Latest(documents, OperationsDocumentKind.EmergencyPlan), drills.FirstOrDefault()?.HeldOn, ChinaTime.Today(clock), options.Value.Operations.Policy);
        return new SystemOperationsDto(systemId, system.Name, system.Agency, record?.LogLocation, record?.LogRetentionMonths, record?.UpdatedAt, record?.UpdatedBy,
            documents.Select(d => new OperationsDocumentDto(d.Id, d.Kind, d.IssuedOn, d.DrillId, d.FileName, d.Size, d.UploadedBy, d.UploadedAt)).ToList(),
            drills.Select(d => new EmergencyDrillDto(d.Id, d.HeldOn, d.Scenario, d.Result, d.RecordedBy, d.RecordedAt,
                documents.Where(x => x.DrillId == d.Id).Select(x => x.Id).FirstOrDefault() is var report && report != Guid.Empty ? report : null)).ToList(),
            problems, await MayWriteAsync(actor, system.OrganisationId, ct), record?.Version ?? 0);
    }

    /// <summary>The log facts (PUT): where and how long; created on the first save, then by version.</summary>
    public async Task<SystemOperationsDto> SaveAsync(Actor actor, Guid systemId, SystemOperationsInput input, CancellationToken ct)
    {
        var system = await WritableAsync(actor, systemId, ct);
        var v = new Validation();
        foreach (var (field, message) in OperationsOnFile.ValidateLogs(input.LogLocation, input.LogRetentionMonths)) v.Add(field, message);
        v.ThrowIfInvalid();
        var record = await db.SystemOperationsRecords.FirstOrDefaultAsync(r => r.SystemId == systemId, ct);
        var before = record is null ? null : new { record.LogLocation, record.LogRetentionMonths };
        if (record is null)
        {
            record = new SystemOperationsRecord { SystemId = systemId, OrganisationId = system.OrganisationId };
            db.SystemOperationsRecords.Add(record);
        }
        else
        {
            ProblemException.CheckVersion(input.Version, record.Version, "运维日志与预案");
            record.Version++;
        }
        (record.LogLocation, record.LogRetentionMonths, record.UpdatedAt, record.UpdatedBy) =
            (Texts.Line(input.LogLocation), input.LogRetentionMonths, clock.GetUtcNow(), actor.UserName ?? "");
        audit.Record(actor, AuditActions.SystemOperationsSaved, CaseType, systemId, before, new { record.LogLocation, record.LogRetentionMonths });
        await SaveAsync(ct);
        return await GetAsync(actor, systemId, ct);
    }

    public async Task<SystemOperationsDto> AddDrillAsync(Actor actor, Guid systemId, DrillInput input, CancellationToken ct)
    {
        await WritableAsync(actor, systemId, ct);
        var v = new Validation();
        var today = ChinaTime.Today(clock);
        foreach (var (field, message) in OperationsOnFile.ValidateDrill(input.HeldOn, input.Scenario, input.Result, today)) v.Add(field, message);
        if (input.HeldOn is { } held && held <= today && options.Value.Dates.Around(today).Check(held, "演练日期") is { } implausible) v.Add("heldOn", implausible);
        v.ThrowIfInvalid();
        var drill = new EmergencyDrill
        {
            SystemId = systemId, HeldOn = input.HeldOn!.Value, Scenario = Texts.OrNull(input.Scenario)!, Result = Texts.OrNull(input.Result)!,
            RecordedBy = actor.UserName ?? "", RecordedAt = clock.GetUtcNow(),
        };
        // The same drill sent twice (a double click, a retry) is one drill: checked in turn, so that twenty at once make one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        if (await db.EmergencyDrills.AnyAsync(d => d.SystemId == systemId && d.HeldOn == drill.HeldOn && d.Scenario == drill.Scenario, ct))
            throw new ProblemException(409, "已经登记", $"{drill.HeldOn:yyyy-MM-dd}的“{drill.Scenario}”演练已经登记");
        db.EmergencyDrills.Add(drill);
        audit.Record(actor, AuditActions.EmergencyDrillRecorded, CaseType, systemId, null, new { drill.Id, drill.HeldOn, drill.Scenario, drill.Result });
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, systemId, ct);
    }

    /// <summary>A paper on file: the rules, the plan (with the date it was issued) or a drill's report (dated by its drill).</summary>
    public async Task<SystemOperationsDto> AddDocumentAsync(Actor actor, Guid systemId, OperationsDocumentKind? kind, DateOnly? issuedOn, Guid? drillId,
        string? fileName, Stream? content, long size, CancellationToken ct)
    {
        await WritableAsync(actor, systemId, ct);
        var v = new Validation();
        if (kind is null) v.Add("kind", "请选择材料类别：运维管理制度、应急处置预案或应急演练报告");
        EmergencyDrill? drill = null;
        if (kind == OperationsDocumentKind.DrillReport)
        {
            drill = drillId is { } id ? await db.EmergencyDrills.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.SystemId == systemId, ct) : null;
            if (drill is null) v.Add("drillId", "请选择这份报告所属的应急演练");
        }
        else if (kind is not null)
        {
            if (issuedOn is null) v.Add("issuedOn", $"请填写{kind.Value.DisplayName()}的印发日期");
            else if (issuedOn > ChinaTime.Today(clock)) v.Add("issuedOn", "印发日期不能晚于今天");
            else v.Date(issuedOn, "issuedOn", "印发日期", options.Value.Dates.Around(ChinaTime.Today(clock)));
        }
        v.ThrowIfInvalid();
        await files.KeepAsync("operations", fileName, content, size, async (stored, name) =>
        {
            var document = new OperationsDocument
            {
                SystemId = systemId, Kind = kind!.Value, IssuedOn = drill?.HeldOn ?? issuedOn!.Value, DrillId = drill?.Id, FileName = name, StoredPath = stored.Path,
                Size = stored.Size, Sha256 = stored.Sha256, UploadedBy = actor.UserName ?? "", UploadedAt = clock.GetUtcNow(),
            };
            db.OperationsDocuments.Add(document);
            audit.Record(actor, AuditActions.OperationsDocumentAdded, CaseType, systemId, null,
                new { kind = document.Kind.ToString(), document.IssuedOn, fileName = name, stored.Sha256, document.DrillId });
            await db.SaveChangesAsync(ct);
            return document;
        }, ct);
        return await GetAsync(actor, systemId, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenDocumentAsync(Actor actor, Guid systemId, Guid documentId, CancellationToken ct)
    {
        await ReadableAsync(actor, systemId, ct);
        var document = await db.OperationsDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.SystemId == systemId, ct)
                       ?? throw ProblemException.NotFound("运维材料");
        return (files.Open(actor, document.StoredPath, Access.Supervision), document.FileName);
    }

    /// <summary>
    /// The systems on the cloud (with a VM not reclaimed) whose logs, rules, plan or drills are missing or stale, the worst first; an
    /// agency its own.
    /// </summary>
    public async Task<IReadOnlyList<OperationsGapDto>> GapsAsync(Actor actor, CancellationToken ct) =>
        (await StatusAsync(await scope.OrganisationsAsync(actor, ct), ct)).Where(g => g.Problems.Count > 0).ToList();

    /// <summary>Every system on the cloud the reader sees with what it lacks (nothing, when all is on file), those lacking most first.</summary>
    public async Task<IReadOnlyList<OperationsGapDto>> StatusAsync(Actor actor, CancellationToken ct) => await StatusAsync(await scope.OrganisationsAsync(actor, ct), ct);

    private async Task<IReadOnlyList<OperationsGapDto>> StatusAsync(IReadOnlyCollection<Guid>? visible, CancellationToken ct)
    {
        var systems = await db.InfoSystems.AsNoTracking()
            .Where(s => db.CloudVms.Any(v => v.SystemId == s.Id && v.ReclaimedOn == null) && (visible == null || visible.Contains(s.OrganisationId)))
            .Select(s => new { s.Id, s.Name, s.OrganisationId, Agency = s.Organisation!.Name }).ToListAsync(ct);
        var ids = systems.Select(s => s.Id).ToList();
        var records = await db.SystemOperationsRecords.AsNoTracking().Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, ct);
        var papers = await db.OperationsDocuments.AsNoTracking().Where(d => ids.Contains(d.SystemId) && d.Kind != OperationsDocumentKind.DrillReport)
            .GroupBy(d => new { d.SystemId, d.Kind }).Select(g => new { g.Key.SystemId, g.Key.Kind, Latest = g.Max(d => d.IssuedOn) }).ToListAsync(ct);
        var drills = await db.EmergencyDrills.AsNoTracking().Where(d => ids.Contains(d.SystemId)).GroupBy(d => d.SystemId)
            .Select(g => new { SystemId = g.Key, Latest = g.Max(d => d.HeldOn) }).ToDictionaryAsync(d => d.SystemId, d => d.Latest, ct);
        var today = ChinaTime.Today(clock);
        var policy = options.Value.Operations.Policy;
        return systems.Select(s =>
            {
                var record = records.GetValueOrDefault(s.Id);
                DateOnly? Paper(OperationsDocumentKind kind) => papers.FirstOrDefault(p => p.SystemId == s.Id && p.Kind == kind)?.Latest;
                var problems = OperationsOnFile.Problems(record?.LogLocation, record?.LogRetentionMonths, Paper(OperationsDocumentKind.Rules),
                    Paper(OperationsDocumentKind.EmergencyPlan), drills.TryGetValue(s.Id, out var d) ? d : null, today, policy);
                return new OperationsGapDto(s.Id, s.Name, s.OrganisationId, s.Agency, problems);
            })
            .OrderByDescending(g => g.Problems.Count).ThenBy(g => g.Agency, StringComparer.Ordinal).ThenBy(g => g.SystemName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Once a month each agency's operators hear which of their systems on the cloud lack what (each message once, by its key).</summary>
    public async Task RemindAsync(CancellationToken ct)
    {
        var month = ChinaTime.Today(clock).ToString("yyyy-MM");
        foreach (var agency in (await StatusAsync((IReadOnlyCollection<Guid>?)null, ct)).Where(g => g.Problems.Count > 0).GroupBy(g => g.OrganisationId))
        {
            var key = $"operations-on-file:{agency.Key}:{month}";
            if ((await inbox.SentKeysAsync([key], ct)).Count > 0) continue;
            var body = string.Join("；", agency.Select(g => $"《{g.SystemName}》{string.Join("、", g.Problems)}"));
            await inbox.NotifyAsync(await inbox.RecipientsAsync(agency.Key, Role.AgencyOperator, ct), NotificationKinds.Operations,
                "请补充信息系统的运维日志与预案", $"按《管理办法》第二十三条，日志至少保存 6 个月，运维管理制度和应急预案应当备案。{body}。", "/operations?tab=files", key, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed record Subject(string Name, Guid OrganisationId, string Agency);

    private async Task<Subject> ReadableAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        return await db.InfoSystems.AsNoTracking().Where(s => s.Id == systemId && (visible == null || visible.Contains(s.OrganisationId)))
                   .Select(s => new Subject(s.Name, s.OrganisationId, s.Organisation!.Name)).FirstOrDefaultAsync(ct)
               ?? throw ProblemException.NotFound("信息系统");
    }

    private async Task<Subject> WritableAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        var system = await ReadableAsync(actor, systemId, ct);
        if (!await MayWriteAsync(actor, system.OrganisationId, ct)) throw ProblemException.Forbidden("运维日志与预案由系统所属使用单位登记");
        return system;
    }

    /// <summary>The agency's own operators and security officers (a county's for its departments' systems too).</summary>
    private async Task<bool> MayWriteAsync(Actor actor, Guid organisationId, CancellationToken ct) =>
        actor.IsInAny(Access.Agency) && (await scope.OrganisationsAsync(actor, ct)) is { } own && own.Contains(organisationId);

    private static DateOnly? Latest(List<OperationsDocument> documents, OperationsDocumentKind kind) =>
        documents.Where(d => d.Kind == kind).Select(d => (DateOnly?)d.IssuedOn).Max();

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // a stale version, or two first saves of the same system at once (its primary key)
        {
            throw ProblemException.Conflict("运维日志与预案已被他人修改，请刷新后重试");
        }
    }
}
