using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Supervision;

// The papers of 等级保护: the grading report, the public security's filing certificate, each assessment's report; kept
// by whoever records the MLPS, read by everyone who reads it (they are security papers the regulators check).
public sealed partial class MlpsService
{
    public async Task<MlpsDto> AddDocumentAsync(Actor actor, Guid systemId, MlpsDocumentKind? kind, Guid? assessmentId, string? fileName, Stream? content,
        long size, CancellationToken ct)
    {
        var subject = await WritableAsync(actor, systemId, ct);
        var record = await db.MlpsRecords.AsNoTracking().FirstOrDefaultAsync(m => m.SystemId == systemId, ct);
        var assessmentFound = assessmentId is { } aid && await db.MlpsAssessments.AnyAsync(a => a.Id == aid && a.SystemId == systemId, ct);
        if (MlpsRules.WhyNotDocument(kind, record is not null, !string.IsNullOrEmpty(record?.FilingNumber), assessmentFound) is { } why)
            throw ProblemException.Invalid(kind == MlpsDocumentKind.AssessmentReport ? "assessmentId" : "kind", why);
        await files.KeepAsync("mlps", fileName, content, size, async (stored, name) =>
        {
            var document = new MlpsDocument
            {
                SystemId = systemId, Kind = kind!.Value, AssessmentId = kind == MlpsDocumentKind.AssessmentReport ? assessmentId : null, FileName = name,
                StoredPath = stored.Path, Size = stored.Size, Sha256 = stored.Sha256, UploadedBy = actor.UserName ?? "", UploadedAt = clock.GetUtcNow(),
            };
            db.MlpsDocuments.Add(document);
            audit.Record(actor, AuditActions.MlpsDocumentAdded, subject.AuditEntity, systemId, null,
                new { kind = document.Kind.ToString(), fileName = name, stored.Sha256, document.AssessmentId });
            await db.SaveChangesAsync(ct);
            return document;
        }, ct);
        return await GetAsync(actor, systemId, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenDocumentAsync(Actor actor, Guid systemId, Guid documentId, CancellationToken ct)
    {
        await ReadableAsync(actor, systemId, tracked: false, ct);
        var document = await db.MlpsDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.SystemId == systemId, ct)
                       ?? throw ProblemException.NotFound("等级保护材料");
        return (files.Open(actor, document.StoredPath, Access.Supervision), document.FileName);
    }
}
