using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

// R-6 … R-11: roles belong to the organisation that does the work; the three administrators stand alone.
public class RolesTests
{
    [Theory]
    [InlineData(Role.SystemAdmin, Role.SecurityAdmin)]
    [InlineData(Role.SystemAdmin, Role.AuditAdmin)]
    [InlineData(Role.SecurityAdmin, Role.AuditAdmin)]
    [InlineData(Role.AuditAdmin, Role.BureauApprover)]
    [InlineData(Role.SystemAdmin, Role.BureauApprover)]
    public void An_administrator_role_cannot_be_combined_with_another_role(Role a, Role b)
    {
        var errors = Roles.Validate([a, b], OrganisationType.Bureau);
        Assert.Contains(errors, e => e.StartsWith("三员分立"));
    }

    [Fact]
    public void Each_administrator_role_alone_is_accepted_in_the_bureau_and_the_center()
    {
        foreach (var role in Roles.Administrators)
        {
            Assert.Empty(Roles.Validate([role], OrganisationType.Bureau));
            Assert.Empty(Roles.Validate([role], OrganisationType.Center));
        }
    }

    [Fact]
    public void Business_roles_may_be_combined_within_their_organisation() =>
        Assert.Empty(Roles.Validate([Role.CenterEvaluator, Role.CenterOperator], OrganisationType.Center));

    [Theory]
    [InlineData(Role.AgencyOperator, OrganisationType.Bureau)]
    [InlineData(Role.CenterEvaluator, OrganisationType.Agency)]
    [InlineData(Role.BureauApprover, OrganisationType.Center)]
    [InlineData(Role.FinanceViewer, OrganisationType.Agency)]
    [InlineData(Role.Inspector, OrganisationType.Agency)]
    [InlineData(Role.SystemAdmin, OrganisationType.Agency)]
    public void A_role_outside_its_organisation_is_refused_with_a_chinese_reason(Role role, OrganisationType org)
    {
        var error = Assert.Single(Roles.Validate([role], org));
        Assert.Contains(role.DisplayName(), error);
        Assert.Contains(org.DisplayName(), error);
    }

    [Theory]
    [InlineData(OrganisationType.Agency)]
    [InlineData(OrganisationType.County)]
    [InlineData(OrganisationType.CountyDepartment)]
    public void Agency_roles_fit_every_tenant(OrganisationType org) =>
        Assert.Empty(Roles.Validate([Role.AgencyOperator, Role.AgencySecurityOfficer], org));

    [Theory]
    [InlineData(OrganisationType.CyberspaceOffice)]
    [InlineData(OrganisationType.ConfidentialOffice)]
    [InlineData(OrganisationType.PublicSecurity)]
    public void Inspectors_sit_in_the_three_regulators(OrganisationType org) =>
        Assert.Empty(Roles.Validate([Role.Inspector], org));

    [Fact]
    public void R_29_the_Center_may_hold_the_role_that_issues_rectification_notices() =>
        // Art. 29: 市信息化建设管理中心…发出整改通知.
        Assert.Empty(Roles.Validate([Role.Inspector], OrganisationType.Center));

    [Fact]
    public void R_32_1_a_county_sets_which_organisations_hold_a_role_in_its_configuration()
    {
        var county = RoleHomes.Configure(new Dictionary<string, string> { ["Inspector"] = "PublicSecurity, Bureau", ["FinanceViewer"] = "Finance,Bureau" });
        Assert.Empty(Roles.Validate([Role.FinanceViewer], OrganisationType.Bureau, county));
        Assert.Equal("市信息化建设管理中心的用户不能担任“监管检查人员”：该角色只能由市大数据发展局、市公安局的用户担任",
            Assert.Single(Roles.Validate([Role.Inspector], OrganisationType.Center, county)));
        // Roles it does not name keep the city's rules.
        Assert.Empty(Roles.Validate([Role.CenterEvaluator], OrganisationType.Center, county));
        Assert.Throws<ArgumentException>(() => RoleHomes.Configure(new Dictionary<string, string> { ["Boss"] = "Bureau" }));
        Assert.Throws<ArgumentException>(() => RoleHomes.Configure(new Dictionary<string, string> { ["Inspector"] = "Police" }));
        Assert.Throws<ArgumentException>(() => RoleHomes.Configure(new Dictionary<string, string> { ["Inspector"] = " " }));
    }

    [Fact]
    public void No_role_at_all_is_refused() =>
        Assert.Contains("至少选择一个角色", Roles.Validate([], OrganisationType.Agency));

    [Fact]
    public void Every_role_has_a_chinese_name() =>
        Assert.All(Enum.GetValues<Role>(), r => Assert.DoesNotContain(r.ToString(), r.DisplayName()));
}
