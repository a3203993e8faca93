namespace GovCloud.Domain.Organisations;

/// <summary>The kinds of organisation named in the rules (SPEC R-6 … R-11).</summary>
public enum OrganisationType
{
    Bureau,
    Center,
    Finance,
    CyberspaceOffice,
    ConfidentialOffice,
    PublicSecurity,
    Agency,
    County,
    CountyDepartment,
}

/// <summary>How a municipal agency is funded: decides who pays its cloud fees.</summary>
public enum FundingType
{
    FullyFunded,
    Other,
}

public static class OrganisationTypes
{
    public static string DisplayName(this OrganisationType type) => type switch
    {
        OrganisationType.Bureau => "市大数据发展局",
        OrganisationType.Center => "市信息化建设管理中心",
        OrganisationType.Finance => "市财政局",
        OrganisationType.CyberspaceOffice => "市委网信办",
        OrganisationType.ConfidentialOffice => "市委机要保密办公室",
        OrganisationType.PublicSecurity => "市公安局",
        OrganisationType.Agency => "市直使用单位",
        OrganisationType.County => "县区政府",
        OrganisationType.CountyDepartment => "县区部门",
        _ => type.ToString(),
    };

    public static string DisplayName(this FundingType type) => type switch
    {
        FundingType.FullyFunded => "财政全额拨款",
        _ => "其他",
    };

    /// <summary>The three security regulators of Art. 8 .</summary>
    public static bool IsRegulator(this OrganisationType type) =>
        type is OrganisationType.CyberspaceOffice or OrganisationType.ConfidentialOffice or OrganisationType.PublicSecurity;

    /// <summary>Tenants: organisations whose data is their own .</summary>
    public static bool IsTenant(this OrganisationType type) =>
        type is OrganisationType.Agency or OrganisationType.County or OrganisationType.CountyDepartment;

    /// <summary>Tenants carry a unified social credit code; a county department hangs under its county.</summary>
    public static bool NeedsCreditCode(this OrganisationType type) => type.IsTenant();
}
