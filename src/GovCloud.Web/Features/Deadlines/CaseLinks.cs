namespace GovCloud.Web.Features.Deadlines;

/// <summary>Where a clock's case is shown: the case's own page when it has one, else the clock on the deadlines page.</summary>
public static class CaseLinks
{
    public static string For(string caseType, string caseId, Guid clockId) => caseType switch
    {
        "ResourceApplication" => $"/applications/{caseId}",
        "ChangeRequest" => $"/changes/{caseId}",
        // All three open their centre's page.
        "Certification" => $"/datacenters/certifications/{caseId}",
        "MigrationPlan" => $"/datacenters/plans/{caseId}",
        "DataCenterRevocation" => $"/datacenters/{caseId}",
        "RectificationNotice" => $"/security/rectifications/{caseId}",
        _ => $"/deadlines?clock={clockId}",
    };
}
