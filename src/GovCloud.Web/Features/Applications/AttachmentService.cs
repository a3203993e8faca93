using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Applications;

/// <summary>
/// The documents of an application and of its evaluation: the agency attaches while it
/// holds the application, the Center adds survey photos and review minutes while evaluating.
/// </summary>
public sealed class AttachmentService(GovCloudDbContext db, ApplicationService applications, AuditLog audit, FileStore files, TimeProvider clock)
{
    public async Task<AttachmentDto> AddAsync(Actor actor, Guid applicationId, AttachmentKind? kind, string fileName, Stream content, long size, CancellationToken ct)
    {
        if (kind is null) throw ProblemException.Invalid("kind", "请选择附件类型");
        var app = await VisibleAsync(actor, applicationId, ct);
        RequireMayAttach(actor, app.State, kind.Value);
        var attachment = await files.KeepAsync(applicationId.ToString("N"), fileName, content, size, async (stored, name) =>
        {
            var attachment = new ApplicationAttachment
            {
                ApplicationId = applicationId, Kind = kind.Value, FileName = name, Size = stored.Size, Sha256 = stored.Sha256, StoredPath = stored.Path,
                UploadedAt = clock.GetUtcNow(), UploadedBy = actor.UserName,
            };
            db.ApplicationAttachments.Add(attachment);
            audit.Record(actor, AuditActions.AttachmentAdded, ApplicationService.CaseType, applicationId, after: new
            {
                kind = kind.ToString(), attachment.FileName, attachment.Size, attachment.Sha256,
            });
            await db.SaveChangesAsync(ct);
            return attachment;
        }, ct);
        return new AttachmentDto(attachment.Id, attachment.Kind, attachment.FileName, attachment.Size, attachment.Sha256, attachment.UploadedAt, attachment.UploadedBy);
    }

    public async Task<(Stream Content, string FileName)> OpenAsync(Actor actor, Guid applicationId, Guid attachmentId, CancellationToken ct)
    {
        await VisibleAsync(actor, applicationId, ct);
        var a = await db.ApplicationAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == applicationId, ct)
                ?? throw ProblemException.NotFound("附件");
        return (files.Open(actor, a.StoredPath), a.FileName);
    }

    public async Task RemoveAsync(Actor actor, Guid applicationId, Guid attachmentId, CancellationToken ct)
    {
        var app = await VisibleAsync(actor, applicationId, ct);
        var a = await db.ApplicationAttachments.FirstOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == applicationId, ct)
                ?? throw ProblemException.NotFound("附件");
        RequireMayAttach(actor, app.State, a.Kind);
        db.ApplicationAttachments.Remove(a);
        audit.Record(actor, AuditActions.AttachmentRemoved, ApplicationService.CaseType, applicationId, new { kind = a.Kind.ToString(), a.FileName, a.Sha256 });
        await db.SaveChangesAsync(ct);
        files.Delete(a.StoredPath);
    }

    private static void RequireMayAttach(Actor actor, ApplicationState state, AttachmentKind kind)
    {
        // The signed agreement confirms the agency's side of the trial: it goes through the trial, and stays.
        if (kind == AttachmentKind.UsageAgreement) throw new ProblemException(409, "不能在此处理", "使用协议请在试用环节上传，上传后不能删除");
        if (AttachmentRules.IsAgencyKind(kind))
        {
            if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("只有使用单位经办人可以上传或删除申请材料");
            if (!ApplicationFlow.IsEditable(state))
                throw new ProblemException(409, "不能修改", $"申请当前为“{state.DisplayName()}”，只有草稿或退回修改的申请可以更改材料");
        }
        else
        {
            if (!actor.IsIn(Role.CenterEvaluator)) throw ProblemException.Forbidden("现场勘查照片和技术评审纪要由评估人员上传");
            if (state != ApplicationState.Submitted) throw new ProblemException(409, "不能修改", "只有评估中的申请可以上传评估材料");
        }
    }

    private async Task<(Guid Id, ApplicationState State)> VisibleAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var app = await (await applications.ScopedAsync(actor, ct)).Where(a => a.Id == id)
            .Select(a => new { a.Id, a.State }).FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("申请");
        return (app.Id, app.State);
    }
}
