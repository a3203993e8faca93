using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Times are numbered by their instant from now on (see SqliteGovCloudDbContext.UtcBinaryConverter): a time stored before with an
    /// offset (a time typed in Beijing time, +08:00) is numbered again as the same instant in UTC, so that old and new rows compare
    /// and sort as the times they are. The number is (ticks / 1000) &lt;&lt; 11 with the offset in minutes in the low 11 bits; a row whose
    /// offset bits are 0 is already an instant and is left as it is. Generated from the model's DateTimeOffset columns, but for the audit
    /// log's: its times come from the clock in UTC already, and its hash chain covers them as written.
    /// </summary>
    [DbContext(typeof(SqliteGovCloudDbContext))]
    [Migration("20261203210500_TimesAsInstants")]
    public partial class TimesAsInstants : Migration
    {
        private static readonly (string Table, string Column)[] Columns =
        [
            ("ApplicationAttachments", "UploadedAt"),
            ("ResourceApplications", "CreatedAt"),
            ("ResourceApplications", "DecidedAt"),
            ("ResourceApplications", "EvaluatedAt"),
            ("ResourceApplications", "SubmittedAt"),
            ("RecoveryCodes", "UsedAt"),
            ("CalendarYears", "LoadedAt"),
            ("HolidayAdjustments", "UpdatedAt"),
            ("CatalogPrices", "RecordedAt"),
            ("AccessChecks", "At"),
            ("AccessGrants", "DecidedAt"),
            ("AccessGrants", "EndedAt"),
            ("AccessGrants", "EndsAt"),
            ("AccessGrants", "RequestedAt"),
            ("AccessGrants", "ReviewedAt"),
            ("AccessGrants", "StartsAt"),
            ("ConfidentialityAgreements", "UploadedAt"),
            ("ConfidentialityAgreements", "VoidedAt"),
            ("Certifications", "EvaluatedAt"),
            ("Certifications", "SubmittedAt"),
            ("CertificationEvidence", "UploadedAt"),
            ("DataCenters", "CreatedAt"),
            ("DataCenterViolations", "RecordedAt"),
            ("MigrationPlans", "ReviewedAt"),
            ("MigrationPlans", "SubmittedAt"),
            ("MigrationPlanItems", "RecordedAt"),
            ("DeadlineClocks", "CompletedAt"),
            ("DeadlineClocks", "DueAt"),
            ("DeadlineClocks", "OverdueAt"),
            ("DeadlineClocks", "StartedAt"),
            ("Notifications", "CreatedAt"),
            ("Notifications", "EmailedAt"),
            ("Notifications", "ReadAt"),
            ("SizingProposals", "DecidedAt"),
            ("SizingProposals", "ProposedAt"),
            ("UsagePulls", "PulledAt"),
            ("EmergencyDrills", "RecordedAt"),
            ("Incidents", "EndedAt"),
            ("Incidents", "RecordedAt"),
            ("Incidents", "StartedAt"),
            ("OperationsDocuments", "UploadedAt"),
            ("SystemOperationsRecords", "UpdatedAt"),
            ("PoolCapacityChanges", "At"),
            ("PoolSnapshots", "TakenAt"),
            ("ChangeAttachments", "UploadedAt"),
            ("ChangeRequests", "CompletedAt"),
            ("ChangeRequests", "CreatedAt"),
            ("ChangeRequests", "DecidedAt"),
            ("ChangeRequests", "EvaluatedAt"),
            ("CloudVmEvents", "At"),
            ("TrialEnvironments", "AgencyAgreementAt"),
            ("TrialEnvironments", "CenterAgreementAt"),
            ("TrialEnvironments", "ClosedAt"),
            ("TrialEnvironments", "DeliveredAt"),
            ("TrialEnvironments", "ResultAt"),
            ("Inspections", "CompletedAt"),
            ("Inspections", "PlannedAt"),
            ("InspectionFindings", "FoundAt"),
            ("MlpsAssessments", "RecordedAt"),
            ("MlpsDocuments", "UploadedAt"),
            ("MlpsRecords", "ExceptionAt"),
            ("MlpsRecords", "UpdatedAt"),
            ("RectificationNotices", "ClosedAt"),
            ("RectificationNotices", "IssuedAt"),
            ("RectificationRounds", "AnsweredAt"),
            ("RectificationRounds", "VerifiedAt"),
            ("SecurityBulletins", "PublishedAt"),
            ("SecurityEvents", "ClosedAt"),
            ("SecurityEvents", "OccurredAt"),
            ("SecurityEvents", "RecordedAt"),
            ("SecurityEventStep", "At"),
            ("InfoSystems", "CreatedAt"),
            ("InfoSystems", "OffCloudAt"),
            ("MigrationRateSnapshots", "TakenAt"),
            ("AdminRequests", "DecidedAt"),
            ("AdminRequests", "RequestedAt"),
            ("AspNetUsers", "CreatedAt"),
            ("AspNetUsers", "LastSignInAt"),
            ("AspNetUsers", "LockoutEnd"),
            ("AspNetUsers", "SecondFactorSince"),
            ("ApiTokens", "CreatedAt"),
            ("ApiTokens", "ExpiresAt"),
            ("ApiTokens", "RevokedAt"),
            ("SignInSessions", "EndedAt"),
            ("SignInSessions", "StartedAt"),
            ("JobLeases", "ExpiresAt"),
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Columns)
            {
                // The offset in minutes, sign-extended from its 11 bits; 1 minute is 600,000 units of 1000 ticks.
                var offset = $"(CASE WHEN (\"{column}\" & 2047) >= 1024 THEN (\"{column}\" & 2047) - 2048 ELSE (\"{column}\" & 2047) END)";
                migrationBuilder.Sql(
                    $"UPDATE \"{table}\" SET \"{column}\" = (((\"{column}\" >> 11) - {offset} * 600000) << 11) " +
                    $"WHERE \"{column}\" IS NOT NULL AND (\"{column}\" & 2047) <> 0;");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The instants read back the same under either numbering; nothing to undo.
        }
    }
}
