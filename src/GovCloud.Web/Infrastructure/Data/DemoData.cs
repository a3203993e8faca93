using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// The sample city of `--demo`: the Bureau, the Center, Finance, the three regulators, municipal
/// agencies, two counties with departments, and one user per role.
/// </summary>
public static class DemoData
{
    private static readonly string[] Agencies =
    [
        "市教育局", "市卫生健康委员会", "市人力资源和社会保障局", "市民政局", "市自然资源和规划局", "市住房和城乡建设局",
        "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化广电和旅游局", "市市场监督管理局", "市应急管理局",
        "市医疗保障局", "市行政审批局",
    ];

    private static readonly (string County, string Region, string[] Departments)[] Counties =
    [
        ("柳江区人民政府", "450206", ["柳江区教育局", "柳江区卫生健康局", "柳江区民政局"]),
        ("鹿寨县人民政府", "450223", ["鹿寨县教育局", "鹿寨县农业农村局"]),
    ];

    /// <summary>A well-formed 统一社会信用代码 for sample organisation number <paramref name="n"/> of a region.</summary>
    public static string SampleCreditCode(string region, int n)
    {
        var first17 = $"11{region}MB{n:D7}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>
    /// 保密协议 (R-26.2): every agency and county signed one with the Center two years ago for three years, one scan for all; the health
    /// commission's ran out last month (its systems cannot go into formal use until it renews), 柳江区人民政府's runs out within the month.
    /// </summary>
    private static async Task AgreementsAsync(IServiceProvider sp, GovCloudDbContext db, Dictionary<string, Organisation> orgs, DateOnly today, CancellationToken ct)
    {
        var scan = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% 保密协议扫描件（演示）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
        var stored = await sp.GetRequiredService<FileStore>().KeepAsync("agreements", "保密协议（演示）.pdf", new MemoryStream(scan), scan.Length,
            (file, name) => Task.FromResult((file, name)), ct);
        foreach (var org in orgs.Values.Where(o => o.Type.IsTenant()))
        {
            var validTo = org.Name switch
            {
                "市卫生健康委员会" => today.AddDays(-20),
                "柳江区人民政府" => today.AddDays(25),
                _ => today.AddYears(1),
            };
            var signed = validTo.AddYears(-3);
            db.Set<Features.DataAccess.ConfidentialityAgreement>().Add(new Features.DataAccess.ConfidentialityAgreement
            {
                OrganisationId = org.Id, SignedOn = signed, ValidFrom = signed, ValidTo = validTo, FileName = stored.name, StoredPath = stored.file.Path,
                Size = stored.file.Size, Sha256 = stored.file.Sha256, UploadedBy = "center", UploadedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
            });
        }
    }

    public static async Task LoadAsync(IServiceProvider sp, string password, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var users = sp.GetRequiredService<UserManager<User>>();
        var audit = sp.GetRequiredService<AuditLog>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var settings = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GovCloudOptions>>().Value;
        var secondFactor = sp.GetRequiredService<Features.Auth.SecondFactorService>();
        var demoSecret = settings.Demo.SecondFactorSecret is { Length: > 0 } published ? secondFactor.ProtectForDemo(published) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var orgs = new Dictionary<string, Organisation>();
        Organisation Add(string name, OrganisationType type, Organisation? parent = null, string? code = null, FundingType? funding = null)
        {
            var org = new Organisation
            {
                Name = name, Type = type, ParentId = parent?.Id, CreditCode = code, FundingType = funding,
                ContactName = "信息科", ContactPhone = "0772-2" + (orgs.Count + 100000).ToString()[..6],
            };
            db.Organisations.Add(org);
            orgs[name] = org;
            return org;
        }

        Add("市大数据发展局", OrganisationType.Bureau);
        Add("市信息化建设管理中心", OrganisationType.Center);
        Add("市财政局", OrganisationType.Finance);
        Add("市委网信办", OrganisationType.CyberspaceOffice);
        Add("市委机要保密办公室", OrganisationType.ConfidentialOffice);
        Add("市公安局", OrganisationType.PublicSecurity);
        for (var i = 0; i < Agencies.Length; i++)
            Add(Agencies[i], OrganisationType.Agency, code: SampleCreditCode("450200", i + 1),
                funding: i % 5 == 4 ? FundingType.Other : FundingType.FullyFunded);
        foreach (var (county, region, departments) in Counties)
        {
            var c = Add(county, OrganisationType.County, code: SampleCreditCode(region, 1));
            for (var i = 0; i < departments.Length; i++)
                Add(departments[i], OrganisationType.CountyDepartment, c, SampleCreditCode(region, i + 2));
        }
        await db.SaveChangesAsync(ct);

        var people = new (string UserName, string DisplayName, string Org, Role[] Roles)[]
        {
            ("admin", "王建国（系统管理员）", "市大数据发展局", [Role.SystemAdmin]),
            ("secadmin", "李安（安全管理员）", "市信息化建设管理中心", [Role.SecurityAdmin]),
            ("auditor", "赵审（审计管理员）", "市大数据发展局", [Role.AuditAdmin]),
            ("bureau", "陈批（审批人员）", "市大数据发展局", [Role.BureauApprover]),
            ("center", "刘运（评估/运维人员）", "市信息化建设管理中心", [Role.CenterEvaluator, Role.CenterOperator]),
            ("cloudapi", "政务云平台（对接账号）", "市信息化建设管理中心", [Role.PlatformAgent]),
            ("bastion", "运维堡垒机（对接账号）", "市信息化建设管理中心", [Role.BastionAgent]),
            ("finance", "周财（财政人员）", "市财政局", [Role.FinanceViewer]),
            ("police", "吴警（监管检查人员）", "市公安局", [Role.Inspector]),
            ("edu", "黄老师（教育局经办人）", "市教育局", [Role.AgencyOperator]),
            ("edusec", "蒙安（教育局安全负责人）", "市教育局", [Role.AgencySecurityOfficer]),
            ("health", "孙医生（卫健委经办人）", "市卫生健康委员会", [Role.AgencyOperator]),
            ("county1", "韦县（柳江区教育局经办人）", "柳江区教育局", [Role.AgencyOperator]),
            ("liujiang", "覃区（柳江区政府经办人）", "柳江区人民政府", [Role.AgencyOperator]),
        };
        foreach (var (userName, displayName, org, roles) in people)
        {
            var user = new User
            {
                UserName = userName, DisplayName = displayName, OrganisationId = orgs[org].Id, CreatedAt = clock.GetUtcNow(),
                Email = $"{userName}@liuzhou.gov.cn",
            };
            // The demo users who must sign in with a second factor share the published demo secret, like the demo password.
            if (demoSecret is not null && secondFactor.IsRequired(roles)) secondFactor.EnrolForDemo(user, demoSecret);
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"演示密码不符合密码规则：{string.Join("；", result.Errors.Select(e => e.Description))}");
            db.UserRoles.AddRange(roles.Select(r => new UserRole { UserId = user.Id, Role = r }));
        }
        await AgreementsAsync(sp, db, orgs, ChinaTime.Today(clock), ct);
        audit.Record(Actor.System, AuditActions.DemoDataLoaded, "System", null,
            after: new { organisations = orgs.Count, users = people.Length });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
