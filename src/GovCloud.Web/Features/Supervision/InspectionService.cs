using GovCloud.Domain;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 联合安全检查 (R-25.1): the Bureau plans an inspection of agencies, systems and the cloud itself with the regulators and the
/// Center; the participants record findings with evidence; a report per target and overall is printed from them; a notice is
/// issued from a target's findings (<see cref="RectificationService.IssueAsync"/>). The Bureau, the Center and the regulators
/// read every inspection; an agency the targets that are its own.
/// </summary>
public sealed class InspectionService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, FileStore files, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string CaseType = "Inspection";
    private DateOnly Today => ChinaTime.Today(clock);

    public IReadOnlyList<string> ChecklistTemplate => options.Value.Supervision.InspectionChecklist;

    /// <summary>Who a plan may look at (agencies, counties and departments, the Center for the cloud) and who may take part.</summary>
    public async Task<(IReadOnlyList<NamedDto> Targets, IReadOnlyList<NamedDto> Participants)> CandidatesAsync(CancellationToken ct)
    {
        var all = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct);
        var targets = all.Where(o => o.Type.IsTenant() || o.Type == OrganisationType.Center)
            .OrderBy(o => o.Type == OrganisationType.Center ? 0 : 1).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new NamedDto(o.Id, o.Type == OrganisationType.Center ? $"政务云平台（{o.Name}）" : o.Name)).ToList();
        var participants = all.Where(o => InspectionRules.MayTakePart(o.Type)).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new NamedDto(o.Id, o.Name)).ToList();
        return (targets, participants);
    }

    public async Task<InspectionDto> PlanAsync(Actor actor, InspectionInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("联合安全检查由市大数据发展局审批人员制定");
        var targetsIn = input.Targets ?? [];
        var orgIds = targetsIn.Select(t => t.OrganisationId).OfType<Guid>().Concat(input.ParticipantIds ?? []).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id) && o.IsActive).ToDictionaryAsync(o => o.Id, ct);
        var systemIds = targetsIn.Select(t => t.SystemId).OfType<Guid>().ToList();
        var systems = await db.InfoSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => new { s.Name, s.OrganisationId }, ct);
        var targets = targetsIn.Select(t => new InspectionTargetText(t.OrganisationId,
            t.OrganisationId is { } o && orgs.TryGetValue(o, out var org) ? org.Type : null, t.SystemId)).ToList();
        var participants = (input.ParticipantIds ?? []).Select(p => orgs.TryGetValue(p, out var org) ? (OrganisationType?)org.Type : null).ToList();
        var checklist = (input.Checklist ?? ChecklistTemplate).Select(TextRules.OneLine).Where(c => c.Length > 0).Distinct().ToList();
        var v = new Validation();
        foreach (var p in InspectionRules.ValidatePlan(input.Name, input.StartsOn, input.EndsOn, targets, participants, checklist)) v.Add(p.Field, p.Message);
        for (var i = 0; i < targetsIn.Count; i++)
            if (targetsIn[i].SystemId is { } sid && (!systems.TryGetValue(sid, out var system) || system.OrganisationId != targetsIn[i].OrganisationId))
                v.Add($"targets[{i}]", $"第 {i + 1} 个检查对象的信息系统不属于所选单位");
        var range = options.Value.Dates.Around(Today);
        v.Date(input.StartsOn, "startsOn", "开始日期", range).Date(input.EndsOn, "endsOn", "结束日期", range);
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var inspection = new Inspection
        {
            Number = await CaseNumbers.NextAsync(db.Inspections.Select(i => i.Number), "JC", clock, ct), Name = Texts.Line(input.Name)!,
            StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, Checklist = string.Join('\n', checklist), State = InspectionState.Planned,
            PlannedBy = actor.UserName ?? "", PlannedAt = clock.GetUtcNow(),
            Targets = targetsIn.Select(t => new InspectionTarget
            {
                OrganisationId = t.OrganisationId!.Value, SystemId = t.SystemId, SystemName = t.SystemId is { } s ? systems[s].Name : null,
            }).ToList(),
            Participants = (input.ParticipantIds ?? []).Distinct().Select(p => new InspectionParticipant { OrganisationId = p }).ToList(),
        };
        db.Inspections.Add(inspection);
        audit.Record(actor, AuditActions.InspectionPlanned, CaseType, inspection.Id, null, new
        {
            inspection.Number, inspection.Name, inspection.StartsOn, inspection.EndsOn,
            targets = inspection.Targets.Select(t => orgs[t.OrganisationId].Name + (t.SystemName is null ? "" : $"《{t.SystemName}》")).ToList(),
            participants = inspection.Participants.Select(p => orgs[p.OrganisationId].Name).ToList(), items = checklist,
        });
        // Everyone taking part and everyone inspected hears of it, with its period.
        foreach (var p in inspection.Participants)
            await inbox.CaseProgressAsync(p.OrganisationId, RectificationRules.ActingRole(orgs[p.OrganisationId].Type), "参加联合安全检查", inspection.Number,
                $"“{inspection.Name}”（{inspection.StartsOn:yyyy-MM-dd} 至 {inspection.EndsOn:yyyy-MM-dd}）请贵单位参加，发现的问题请在检查页面逐项记录。",
                $"/security/inspections/{inspection.Id}", $"inspection:{inspection.Id}:{p.OrganisationId}", ct);
        foreach (var org in inspection.Targets.Select(t => t.OrganisationId).Distinct())
            await inbox.CaseProgressAsync(org, RectificationRules.ActingRole(orgs[org].Type), "安全检查通知", inspection.Number,
                $"“{inspection.Name}”将于 {inspection.StartsOn:yyyy-MM-dd} 至 {inspection.EndsOn:yyyy-MM-dd} 对贵单位开展，请做好配合。",
                $"/security/inspections/{inspection.Id}", $"inspection:{inspection.Id}:target:{org}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, inspection.Id, ct);
    }

    public async Task<IReadOnlyList<InspectionRowDto>> ListAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => visible == null || i.Targets.Any(t => visible.Contains(t.OrganisationId)))
            .OrderByDescending(i => i.StartsOn).ThenByDescending(i => i.Number)
            .Select(i => new
            {
                i.Id, i.Number, i.Name, i.StartsOn, i.EndsOn, i.State, Targets = i.Targets.Select(t => new { t.Id, t.OrganisationId }).ToList(),
                Participants = i.Participants.Select(p => p.Organisation!.Name).ToList(),
            }).ToListAsync(ct);
        var ids = inspections.Select(i => i.Id).ToList();
        // An agency counts only what was found at its own targets.
        var mine = inspections.SelectMany(i => i.Targets).Where(t => visible == null || visible.Contains(t.OrganisationId)).Select(t => t.Id).ToHashSet();
        var findings = (await db.InspectionFindings.AsNoTracking().Where(f => ids.Contains(f.InspectionId))
            .Select(f => new { f.InspectionId, f.TargetId, f.Risk, f.NoticeId }).ToListAsync(ct)).Where(f => mine.Contains(f.TargetId)).ToList();
        return inspections.Select(i =>
        {
            var found = findings.Where(f => f.InspectionId == i.Id).ToList();
            return new InspectionRowDto(i.Id, i.Number, i.Name, i.StartsOn, i.EndsOn, i.State, i.Targets.Count(t => mine.Contains(t.Id)), found.Count,
                found.Count(f => f.Risk == RiskLevel.High), found.Count(f => f.NoticeId == null), string.Join("、", i.Participants.Order(StringComparer.Ordinal)));
        }).ToList();
    }

    public async Task<InspectionDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var i = await db.Inspections.AsNoTracking().Include(x => x.Targets).ThenInclude(t => t.Organisation).Include(x => x.Participants).ThenInclude(p => p.Organisation)
                    .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id && (visible == null || x.Targets.Any(t => visible.Contains(t.OrganisationId))), ct)
                ?? throw ProblemException.NotFound("安全检查");
        var targets = i.Targets.Where(t => visible == null || visible.Contains(t.OrganisationId)).ToList();
        var targetIds = targets.Select(t => t.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking().Include(f => f.Evidence).Where(f => f.InspectionId == id && targetIds.Contains(f.TargetId))
            .OrderBy(f => f.FoundAt).ToListAsync(ct);
        var noticeIds = findings.Select(f => f.NoticeId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.RectificationNotices.AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Number, ct);
        var finderOrgs = findings.Select(f => f.FoundByOrganisationId).Distinct().ToList();
        var orgNames = await db.Organisations.AsNoTracking().Where(o => finderOrgs.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var own = await OwnTypeAsync(actor, ct);
        var open = i.State == InspectionState.Planned;
        return new InspectionDto(i.Id, i.Number, i.Name, i.StartsOn, i.EndsOn, i.State, i.ChecklistItems, i.PlannedBy, i.PlannedAt,
            targets.OrderBy(t => t.Organisation!.Type == OrganisationType.Center ? 0 : 1).ThenBy(t => t.Organisation!.Name, StringComparer.Ordinal).ThenBy(t => t.SystemName)
                .Select(t => new InspectionTargetDto(t.Id, t.OrganisationId, t.Organisation!.Name, t.SystemId, t.SystemName, t.Organisation.Type == OrganisationType.Center,
                    findings.Where(f => f.TargetId == t.Id).Select(f => new FindingDto(f.Id, f.TargetId, f.ChecklistItem, f.Risk, f.Description, f.FoundBy,
                        orgNames.GetValueOrDefault(f.FoundByOrganisationId, ""), f.FoundAt,
                        f.Evidence.OrderBy(e => e.FileName).Select(e => new EvidenceDto(e.Id, e.FileName, e.Size, e.Sha256)).ToList(),
                        f.NoticeId, f.NoticeId is { } n ? numbers.GetValueOrDefault(n) : null)).ToList())).ToList(),
            i.Participants.OrderBy(p => p.Organisation!.Name, StringComparer.Ordinal).Select(p => new NamedDto(p.OrganisationId, p.Organisation!.Name)).ToList(),
            open && MayRecord(actor, i, own), open && actor.IsIn(Role.BureauApprover),
            own is { } type && RectificationRules.MayIssue(type) && actor.IsIn(RectificationRules.ActingRole(type)), i.Version);
    }

    /// <summary>A finding at one target, by a participant (or the Bureau), while the inspection is open.</summary>
    public async Task<FindingDto> RecordAsync(Actor actor, Guid id, FindingInput input, CancellationToken ct)
    {
        var i = await db.Inspections.Include(x => x.Targets).Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null || await scope.OrganisationsAsync(actor, ct) is { } visible && !i.Targets.Any(t => visible.Contains(t.OrganisationId)))
            throw ProblemException.NotFound("安全检查");
        var own = await OwnTypeAsync(actor, ct);
        if (!MayRecord(actor, i, own)) throw ProblemException.Forbidden("检查发现的问题由参加检查的单位记录");
        var problems = InspectionRules.ValidateFinding(i.State, input.ChecklistItem, i.ChecklistItems.ToHashSet(), input.Risk, input.Description).ToList();
        if (problems.FirstOrDefault(p => p.Field == "state") is { } closed) throw new ProblemException(409, "检查已结束", closed.Message);
        var target = i.Targets.FirstOrDefault(t => t.Id == input.TargetId);
        if (target is null) problems.Add(new("targetId", "请选择检查对象"));
        if (problems.Count > 0) throw ProblemException.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        var finding = new InspectionFinding
        {
            InspectionId = i.Id, TargetId = target!.Id, ChecklistItem = TextRules.OneLine(input.ChecklistItem), Risk = input.Risk!.Value,
            Description = Texts.OrNull(input.Description)!, FoundBy = actor.UserName ?? "", FoundByOrganisationId = actor.OrganisationId!.Value, FoundAt = clock.GetUtcNow(),
        };
        db.InspectionFindings.Add(finding);
        audit.Record(actor, AuditActions.FindingRecorded, CaseType, i.Id, null, new
        {
            i.Number, target = target.SystemName ?? (await db.Organisations.Where(o => o.Id == target.OrganisationId).Select(o => o.Name).FirstAsync(ct)),
            item = finding.ChecklistItem, risk = finding.Risk.ToString(), description = finding.Description,
        });
        await db.SaveChangesAsync(ct);
        return (await GetAsync(actor, id, ct)).Targets.SelectMany(t => t.Findings).Single(f => f.Id == finding.Id);
    }

    public async Task<FindingDto> AddEvidenceAsync(Actor actor, Guid id, Guid findingId, string? fileName, Stream? content, long size, CancellationToken ct)
    {
        var finding = await db.InspectionFindings.Include(f => f.Evidence).FirstOrDefaultAsync(f => f.Id == findingId && f.InspectionId == id, ct)
                      ?? throw ProblemException.NotFound("检查发现的问题");
        if (finding.FoundByOrganisationId != actor.OrganisationId || !actor.IsInAny(Access.RectificationIssuers))
            throw ProblemException.Forbidden("证据材料由记录该问题的单位上传");
        if (await db.Inspections.Where(x => x.Id == id).Select(x => x.State).FirstAsync(ct) == InspectionState.Completed)
            throw new ProblemException(409, "检查已结束", "检查已结束，不能再上传证据材料");
        await files.KeepAsync("inspections", fileName, content, size, async (stored, name) =>
        {
            var evidence = new FindingEvidence { FindingId = finding.Id, FileName = name, StoredPath = stored.Path, Size = stored.Size, Sha256 = stored.Sha256 };
            db.FindingEvidence.Add(evidence);
            audit.Record(actor, AuditActions.FindingEvidenceAdded, CaseType, id, null, new { item = finding.ChecklistItem, fileName = name, stored.Sha256 });
            await db.SaveChangesAsync(ct);
            return evidence;
        }, ct);
        return (await GetAsync(actor, id, ct)).Targets.SelectMany(t => t.Findings).Single(f => f.Id == findingId);
    }

    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(Actor actor, Guid id, Guid findingId, Guid evidenceId, CancellationToken ct)
    {
        var inspection = await GetAsync(actor, id, ct);
        var evidence = inspection.Targets.SelectMany(t => t.Findings).Where(f => f.Id == findingId).SelectMany(f => f.Evidence).FirstOrDefault(e => e.Id == evidenceId)
                       ?? throw ProblemException.NotFound("证据材料");
        var path = await db.FindingEvidence.Where(e => e.Id == evidence.Id).Select(e => e.StoredPath).FirstAsync(ct);
        return (files.Open(actor, path, Access.Supervision), evidence.FileName);
    }

    public async Task<InspectionDto> CompleteAsync(Actor actor, Guid id, InspectionCompletion input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("联合安全检查由市大数据发展局结束");
        var i = await db.Inspections.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProblemException.NotFound("安全检查");
        if (i.State == InspectionState.Completed) throw new ProblemException(409, "检查已结束", "该检查已结束");
        ProblemException.CheckVersion(input.Version, i.Version, "安全检查");
        (i.State, i.CompletedAt) = (InspectionState.Completed, clock.GetUtcNow());
        i.Version++;
        audit.Record(actor, AuditActions.InspectionCompleted, CaseType, i.Id, null, new { i.Number, state = i.State.ToString() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该检查已被他人同时修改，请刷新后重试");
        }
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// The inspection report from its findings, as an official document of the Bureau: overall, or for one target (what that
    /// agency was found to need).
    /// </summary>
    public async Task<(OfficialDocument Document, string FileName)> ReportAsync(Actor actor, Guid id, Guid? targetId, CancellationToken ct)
    {
        var i = await GetAsync(actor, id, ct);
        var targets = targetId is { } t ? i.Targets.Where(x => x.Id == t).ToList() : i.Targets.ToList();
        if (targets.Count == 0) throw ProblemException.NotFound("检查对象");
        var findings = targets.SelectMany(x => x.Findings).ToList();
        var bureau = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Bureau).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "市大数据发展局";
        string Count(RiskLevel r) => $"{r.DisplayName()}风险 {findings.Count(f => f.Risk == r)} 个";
        var paragraphs = new List<string>
        {
            $"根据工作安排，{OfficialDocument.ChineseDate(i.StartsOn)}至{OfficialDocument.ChineseDate(i.EndsOn)}，{bureau}会同{string.Join("、", i.Participants.Select(p => p.Name))}" +
            $"对{string.Join("、", targets.Select(x => x.Label))}开展了{i.Name}。检查内容包括：{string.Join("；", i.Checklist)}。现将检查情况报告如下。",
            "一、总体情况",
            findings.Count == 0 ? "本次检查未发现问题。"
                : $"共发现问题 {findings.Count} 个，其中{Count(RiskLevel.High)}、{Count(RiskLevel.Medium)}、{Count(RiskLevel.Low)}；" +
                  $"已下发整改通知书 {findings.Select(f => f.NoticeNumber).OfType<string>().Distinct().Count()} 份，涉及问题 {findings.Count(f => f.NoticeId is not null)} 个。",
            "二、发现的问题",
        };
        var n = 0;
        foreach (var target in targets)
        {
            n++;
            paragraphs.Add($"（{RectificationRules.ChineseOrdinal(n)}）{target.Label}：{(target.Findings.Count == 0 ? "未发现问题。" : $"发现问题 {target.Findings.Count} 个。")}");
            var k = 0;
            foreach (var f in target.Findings.OrderBy(f => f.Risk))
                paragraphs.Add($"{++k}．（{f.RiskName}风险，{f.ChecklistItem}）{f.Description.TrimEnd()}（{f.FoundByOrganisation}发现{(f.NoticeNumber is { } no ? $"，已以{no}下发整改" : "")}）");
        }
        paragraphs.Add("三、下一步工作");
        paragraphs.Add("对发现的问题，由下发单位以整改通知书限期整改，受文单位须逐项整改并报送整改情况和佐证材料；逾期未完成整改的，由市大数据发展局督办。");
        var addressee = targetId is null ? "各参检单位、各被检查单位：" : $"{targets[0].OrganisationName}：";
        var title = targetId is null ? $"{i.Name}情况报告" : $"{i.Name}对{targets[0].Label}的检查情况";
        return (new OfficialDocument(bureau, i.Number, title, addressee, paragraphs, Today, null, bureau), $"检查报告-{i.Number}{(targetId is null ? "" : "-" + targets[0].OrganisationName)}");
    }

    private async Task<OrganisationType?> OwnTypeAsync(Actor actor, CancellationToken ct) => actor.OrganisationId is { } me
        ? await db.Organisations.AsNoTracking().Where(o => o.Id == me).Select(o => (OrganisationType?)o.Type).FirstOrDefaultAsync(ct)
        : null;

    /// <summary>A participant (or the Bureau, which plans) records findings, in the role that acts for its organisation.</summary>
    private static bool MayRecord(Actor actor, Inspection i, OrganisationType? own) =>
        own is { } type && actor.OrganisationId is { } org && (type == OrganisationType.Bureau || i.Participants.Any(p => p.OrganisationId == org))
        && actor.IsIn(RectificationRules.ActingRole(type));
}
