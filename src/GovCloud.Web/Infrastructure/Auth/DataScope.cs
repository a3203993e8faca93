using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>
/// The one place that decides whose data a user may see: an agency sees its own
/// organisation, a county also its departments; the Bureau, the Center, Finance and the regulators
/// see every organisation; the administrators and the platform's account see no agency's business
/// records at all (they run the platform, <see cref="Access"/>). Every service asks here before it reads.
/// </summary>
public sealed class DataScope(GovCloudDbContext db)
{
    /// <summary>Organisations whose business records the actor may read; null means all of them.</summary>
    public async Task<IReadOnlyCollection<Guid>?> OrganisationsAsync(Actor actor, CancellationToken ct)
    {
        if (!Access.ReadsBusinessData(actor.Roles)) return [];
        var own = await OwnAsync(actor, ct);
        if (own is null) return [];
        return own.Value.Type.IsTenant() ? await WithDepartmentsAsync(own.Value.Id, own.Value.Type, ct) : null;
    }

    /// <summary>Organisations listed in the directory for the actor: an agency its own (a county with its departments), everyone else all.</summary>
    public async Task<IReadOnlyCollection<Guid>?> DirectoryAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsInAny(Access.Administrators)) return null;
        var own = await OwnAsync(actor, ct);
        if (own is null) return [];
        return own.Value.Type.IsTenant() ? await WithDepartmentsAsync(own.Value.Id, own.Value.Type, ct) : null;
    }

    /// <summary>Organisations whose users the actor may read: administrators all, everyone else their own (and a county its departments).</summary>
    public async Task<IReadOnlyCollection<Guid>?> UserOrganisationsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsInAny(Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin)) return null;
        var own = await OwnAsync(actor, ct);
        if (own is null) return [];
        return await WithDepartmentsAsync(own.Value.Id, own.Value.Type, ct);
    }

    /// <summary>
    /// Null when <paramref name="organisationId"/> is a tenant (agency, county, department) the actor may act for;
    /// else why not, in Chinese, naming <paramref name="what"/> (信息系统, 数据中心, …).
    /// </summary>
    public async Task<string?> CheckTenantAsync(Actor actor, Guid? organisationId, string what, CancellationToken ct)
    {
        var visible = await OrganisationsAsync(actor, ct);
        var type = organisationId is { } o && (visible == null || visible.Contains(o))
            ? await db.Organisations.AsNoTracking().Where(x => x.Id == o).Select(x => (OrganisationType?)x.Type).FirstOrDefaultAsync(ct)
            : null;
        return type is null ? "所属单位不存在或不在您的权限范围内" : !type.Value.IsTenant() ? $"{what}须属于使用单位" : null;
    }

    private async Task<(Guid Id, OrganisationType Type)?> OwnAsync(Actor actor, CancellationToken ct)
    {
        if (actor.OrganisationId is not { } orgId) return null;
        var type = await db.Organisations.AsNoTracking().Where(o => o.Id == orgId).Select(o => (OrganisationType?)o.Type).FirstOrDefaultAsync(ct);
        return type is null ? null : (orgId, type.Value);
    }

    private async Task<IReadOnlyCollection<Guid>> WithDepartmentsAsync(Guid orgId, OrganisationType type, CancellationToken ct)
    {
        if (type != OrganisationType.County) return [orgId];
        var departments = await db.Organisations.AsNoTracking().Where(o => o.ParentId == orgId).Select(o => o.Id).ToListAsync(ct);
        return [orgId, .. departments];
    }
}
