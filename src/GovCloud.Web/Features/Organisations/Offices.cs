using GovCloud.Domain.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Organisations;

/// <summary>The offices the processes hand work to: the Center evaluates and operates, the Bureau approves.</summary>
public static class Offices
{
    /// <summary>The organisation of that type (the first by name should there be several); 409 in Chinese when none is registered.</summary>
    public static async Task<Guid> OfficeAsync(this GovCloudDbContext db, OrganisationType type, CancellationToken ct) =>
        await db.Organisations.Where(o => o.Type == type).OrderBy(o => o.Name).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
        ?? throw new ProblemException(409, "无法办理", $"系统中尚未登记{type.DisplayName()}，请系统管理员先在单位管理中添加");
}
