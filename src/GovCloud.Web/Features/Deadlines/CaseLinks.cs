namespace GovCloud.Web.Features.Deadlines;

/// <summary>Where a clock's case is shown: the case's own page when it has one, else the clock on the deadlines page.</summary>
public static class CaseLinks
{
    public static string For(string caseType, string caseId, Guid clockId) => caseType switch
    {
        "ResourceApplication" => $"/applications/{caseId}",
        "ChangeRequest" => $"/changes/{caseId}",
        // A certification is opened from its centre's row on the data-centre page.
        "Certification" => "/datacenters",
        _ => $"/deadlines?clock={clockId}",
    };
}
