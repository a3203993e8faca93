using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Supervision;

// The answer and the check: the recipient answers each item with what it did and its evidence; the issuer accepts the answer
// or reopens the item with a reason. The recipient's clock stands while only the issuer has something to do.
public sealed partial class RectificationService
{
    public const int MaxEvidenceFiles = 10;

    public async Task<NoticeDto> AnswerAsync(Actor actor, Guid id, Guid itemId, string? answer, IReadOnlyList<Upload> evidence, long? version, CancellationToken ct)
    {
        var notice = await TrackedAsync(actor, id, ct);
        if (!await MayAnswerAsync(actor, notice, ct)) throw ProblemException.Forbidden("整改情况由受文单位的安全负责人或经办人答复");
        var item = notice.Items.FirstOrDefault(i => i.Id == itemId) ?? throw ProblemException.NotFound("整改事项");
        if (notice.State == RectificationState.Closed) throw new ProblemException(409, "通知书已办结", "该整改通知书已办结，不能再答复");
        var problems = RectificationRules.ValidateResponse(item.State, answer);
        if (problems.FirstOrDefault(p => p.Field == "state") is { } wrongState) throw new ProblemException(409, "当前状态不能答复", wrongState.Message);
        var v = new Validation();
        foreach (var p in problems) v.Add(p.Field, p.Message);
        if (evidence.Count > MaxEvidenceFiles) v.Add("files", $"一次最多上传 {MaxEvidenceFiles} 个佐证材料");
        ProblemException.CheckVersion(version, notice.Version, "整改通知书");
        v.ThrowIfInvalid();

        var issuerType = await TypeOfAsync(notice.IssuerId, ct);
        var recipientType = await TypeOfAsync(notice.RecipientId, ct);
        var before = Waiting(notice, issuerType, recipientType);
        await files.KeepAllAsync("rectifications", evidence, "files", async kept =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var round = new RectificationRound
            {
                ItemId = item.Id, Round = item.Rounds.Count + 1, Action = Texts.OrNull(answer)!, AnsweredBy = actor.UserName ?? "", AnsweredAt = clock.GetUtcNow(),
                Evidence = kept.Select(k => new RectificationEvidence { FileName = k.Name, StoredPath = k.File.Path, Size = k.File.Size, Sha256 = k.File.Sha256 }).ToList(),
            };
            db.RectificationRounds.Add(round);
            item.State = ItemState.Answered;
            notice.Version++;
            audit.Record(actor, AuditActions.RectificationAnswered, CaseType, notice.Id, null, new
            {
                notice.Number, item = item.RowNo, round = round.Round, answer = round.Action, evidence = kept.Select(k => k.Name).ToList(),
                state = item.State.ToString(),
            });
            // The notice's version decides who was first when two answer at once; the clock and the messages follow.
            await SaveAsync(ct);
            // Every open item now waits for the issuer: the recipient's days stop counting until one comes back.
            if (!RectificationRules.RecipientsTurn(notice.Items.Select(i => i.State)))
                await PauseClockAsync(actor, notice, ct);
            await HandOverAsync(notice, issuerType, recipientType, before, $"第 {item.RowNo} 项已答复（第 {round.Round} 次）。", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return round;
        }, ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<NoticeDto> VerifyAsync(Actor actor, Guid id, Guid itemId, VerificationInput input, CancellationToken ct)
    {
        var notice = await TrackedAsync(actor, id, ct);
        if (!await MayVerifyAsync(actor, notice, ct)) throw ProblemException.Forbidden("整改情况由下发单位核验");
        var item = notice.Items.FirstOrDefault(i => i.Id == itemId) ?? throw ProblemException.NotFound("整改事项");
        var problems = RectificationRules.ValidateVerification(item.State, input.Verdict, input.Reason);
        if (problems.FirstOrDefault(p => p.Field == "state") is { } wrongState) throw new ProblemException(409, "当前状态不能核验", wrongState.Message);
        ProblemException.CheckVersion(input.Version, notice.Version, "整改通知书");
        if (problems.Count > 0) throw ProblemException.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        var issuerType = await TypeOfAsync(notice.IssuerId, ct);
        var recipientType = await TypeOfAsync(notice.RecipientId, ct);
        var before = Waiting(notice, issuerType, recipientType);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var round = item.Rounds.OrderBy(r => r.Round).Last();
        (round.Verdict, round.Reason, round.VerifiedBy, round.VerifiedAt) = (input.Verdict, Texts.OrNull(input.Reason), actor.UserName, clock.GetUtcNow());
        item.State = RectificationRules.After(input.Verdict!.Value);
        notice.Version++;
        audit.Record(actor, AuditActions.RectificationVerified, CaseType, notice.Id, null, new
        {
            notice.Number, item = item.RowNo, round = round.Round, verdict = round.Verdict.ToString(), reason = round.Reason, state = item.State.ToString(),
        });
        await SaveAsync(ct);
        var openClock = await db.DeadlineClocks.AsNoTracking().Where(c => c.Id == notice.ClockId).Select(c => new { c.State, c.CompletedAt }).FirstAsync(ct);
        if (RectificationRules.StateOf(notice.Items.Select(i => i.State)) == RectificationState.Closed)
        {
            notice.State = RectificationState.Closed;
            notice.ClosedAt = clock.GetUtcNow();
            if (openClock.CompletedAt is null) await clocks.CompleteAsync(actor, notice.ClockId, ct);
            audit.Record(actor, AuditActions.RectificationClosed, CaseType, notice.Id, null, new { notice.Number, state = notice.State.ToString() });
            await inbox.CaseProgressAsync(notice.RecipientId, RectificationRules.ActingRole(recipientType), "整改通知书已办结", notice.Number,
                $"整改通知书《{notice.Title}》（{notice.Number}）的 {notice.Items.Count} 项整改事项均已核验通过，通知书办结。", $"/security/rectifications/{notice.Id}",
                $"rectification:{notice.Id}:closed", ct);
        }
        else if (item.State == ItemState.Reopened && openClock.State == ClockState.Paused)
            await clocks.ResumeAsync(actor, notice.ClockId, ct);
        var detail = item.State == ItemState.Reopened ? $"第 {item.RowNo} 项退回重改：{round.Reason}" : null;
        await HandOverAsync(notice, issuerType, recipientType, before, detail, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(Actor actor, Guid id, Guid evidenceId, CancellationToken ct)
    {
        var notice = await VisibleAsync(actor, id, ct);
        var evidence = notice.Items.SelectMany(i => i.Rounds).SelectMany(r => r.Evidence).FirstOrDefault(e => e.Id == evidenceId)
                       ?? throw ProblemException.NotFound("佐证材料");
        return (files.Open(actor, evidence.StoredPath, Access.Supervision), evidence.FileName);
    }

    private async Task PauseClockAsync(Actor actor, RectificationNotice notice, CancellationToken ct)
    {
        var state = await db.DeadlineClocks.AsNoTracking().Where(c => c.Id == notice.ClockId).Select(c => c.State).FirstAsync(ct);
        if (state == ClockState.Running) await clocks.PauseAsync(actor, notice.ClockId, "整改情况已全部答复，等待下发单位核验", ct);
    }

    private async Task<RectificationNotice> TrackedAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await VisibleAsync(actor, id, ct);
        return await db.RectificationNotices.Include(n => n.Items).ThenInclude(i => i.Rounds).AsSplitQuery().FirstAsync(n => n.Id == id, ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该整改通知书已被他人同时办理，请刷新后重试");
        }
    }
}
