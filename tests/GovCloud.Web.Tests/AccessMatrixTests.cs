using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// Least privilege, endpoint by role (R-26.2, R-28.1, GB/T 22239 访问控制): every API endpoint is called as a user of each
/// role. A role the table does not name must get 403 before anything happens; a role it names must get past the gate
/// (an answer about the request itself: 200, 400, 404…, never 401, 403 or 500). The table is the product's promise,
/// written here a second time on purpose; an endpoint missing from it fails the test.
/// </summary>
public abstract class AccessMatrixTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, Role> Abbreviations = new()
    {
        ["SA"] = Role.SystemAdmin, ["SEC"] = Role.SecurityAdmin, ["AUD"] = Role.AuditAdmin, ["AO"] = Role.AgencyOperator,
        ["AS"] = Role.AgencySecurityOfficer, ["CE"] = Role.CenterEvaluator, ["CO"] = Role.CenterOperator, ["BA"] = Role.BureauApprover,
        ["IN"] = Role.Inspector, ["FI"] = Role.FinanceViewer, ["PA"] = Role.PlatformAgent,
        ["BG"] = Role.BastionAgent,
    };

    // Shorthands used below: everyone; every person (not the platform's account); the case workers (agency, Center,
    // Bureau); the case readers (case workers, Finance, regulators).
    private static readonly Dictionary<string, string> Groups = new()
    {
        ["ALL"] = "SA SEC AUD AO AS CE CO BA IN FI PA BG",
        ["PEOPLE"] = "SA SEC AUD AO AS CE CO BA IN FI",
        ["CW"] = "AO AS CE CO BA",
        ["CR"] = "AO AS CE CO BA IN FI",
    };

    /// <summary>Endpoint (its operation id) → the roles that may call it. "-" means anonymous.</summary>
    private const string Matrix = """
        IssueToken                          -
        GetAntiforgeryToken                 PEOPLE
        RevokeCurrentToken                  ALL
        GetMe                               ALL
        ChangeMyPassword                    ALL
        GetMySecondFactor                   PEOPLE
        SetUpMySecondFactor                 PEOPLE
        ConfirmMySecondFactor               PEOPLE
        ListOrganisations                   PEOPLE
        GetOrganisation                     PEOPLE
        ExportOrganisations                 SA
        CreateOrganisation                  SA
        UpdateOrganisation                  SA
        ListUsers                           PEOPLE
        GetUser                             PEOPLE
        ExportUsers                         SA SEC AUD
        CreateUser                          SA
        UpdateUser                          SA
        ResetUserPassword                   SA
        UnlockUser                          SA SEC
        RevokeUserTokens                    SA SEC
        ResetUserSecondFactor               SEC
        ListAdminRequests                   SA SEC AUD
        ApproveAdminRequest                 SA SEC AUD
        RejectAdminRequest                  SA SEC AUD
        WithdrawAdminRequest                SA SEC AUD
        SearchAudit                         AUD
        ExportAudit                         AUD
        VerifyAudit                         AUD
        ListCalendarDays                    PEOPLE
        ComputeDeadline                     PEOPLE
        ListCalendarYears                   PEOPLE
        ImportCalendar                      SA
        SetCalendarDay                      SA
        ListDeadlines                       CW
        GetDeadline                         CW
        DeadlineDashboard                   BA CE CO
        ExportDeadlineDashboard             BA CE CO
        ListInbox                           PEOPLE
        ListMyWork                          CW IN
        CountUnread                         PEOPLE
        MarkRead                            PEOPLE
        MarkAllRead                         PEOPLE
        ListSystems                         CW IN
        ExportSystems                       CW IN
        GetSystem                           CW IN
        MigrationRates                      CW IN FI
        MigrationRateHistory                CW IN FI
        ImportSystems                       AO BA
        RegisterSystem                      AO BA
        UpdateSystem                        AO BA
        TakeMigrationSnapshot               BA
        ListCatalog                         PEOPLE
        CatalogPriceHistory                 PEOPLE
        CreateCatalogItem                   BA
        UpdateCatalogItem                   BA
        SetCatalogPrice                     BA
        ListNetworkZones                    PEOPLE
        CreateNetworkZone                   BA
        UpdateNetworkZone                   BA
        ListPools                           BA CE CO
        PoolTrend                           BA CE CO
        PoolCapacityHistory                 BA CE CO
        AddPoolCapacity                     BA
        DownloadRequestFormTemplate         CR
        ListApplications                    CR
        ExportApplications                  CR
        GetApplication                      CR
        ExportApplicationRequestForm        CR
        ApplicationZoneCapacity             CR
        CreateApplication                   AO
        UpdateApplication                   AO
        ReplaceApplicationVms               AO
        ImportApplicationVms                AO
        AddApplicationAttachment            AO CE
        RemoveApplicationAttachment         AO CE
        DownloadApplicationAttachment       CW
        SubmitApplication                   AO
        EvaluateApplication                 CE
        ApproveApplication                  BA
        RejectApplication                   BA
        ReturnApplication                   AO CE BA
        ListTrials                          CW
        GetTrial                            CW
        DeliverTrial                        CO
        ConfirmUsageAgreement               AS CO
        UploadUsageAgreement                AO AS
        ReportTrialResult                   AO
        ExtendTrial                         CO
        GoLive                              CO
        ReclaimTrial                        CO
        ListChanges                         CW IN
        GetChange                           CW IN
        ChangeZoneCapacity                  CW IN
        CreateChange                        AO
        CreateTermination                   AO
        EvaluateChange                      CE
        ApproveChange                       BA
        RejectChange                        BA
        CompleteChange                      CO
        ReclaimTerminated                   CO
        DownloadChangeAttachment            CW
        ListInventoryVms                    CR
        ExportInventoryVms                  CR
        ListInventoryServices               CR
        ListSystemsHoldingResources         CR
        GetInventoryVm                      CR
        GetSystemResources                  CR
        RecordScalingEvent                  PA
        ListPlatformVms                     PA
        GetPlatformVm                       PA
        ReconcileInventory                  CE CO
        ListDataCenters                     CR
        ExportDataCenters                   CR
        DataCenterOverview                  CR
        GetDataCenter                       CR
        CreateDataCenter                    AO BA
        UpdateDataCenter                    AO BA
        ListCertifications                  CR
        SubmitCertification                 AO
        EvaluateCertification               CE
        DecideCertification                 BA
        AddCertificationEvidence            AO
        DownloadCertificationEvidence       CW
        ListMigrationPlans                  CR
        SubmitMigrationPlan                 AO
        ReviewMigrationPlan                 BA
        RecordDataHandling                  AO
        DownloadDataHandlingCertificate     CW
        GetRevocation                       CR
        RevokeDataCenter                    AO
        ConfirmDataCenterRevocation         BA
        ListDataCenterViolations            CR
        RecordDataCenterViolation           BA
        FollowUpDataCenterViolation         BA
        AttachViolationEvidence             BA
        DownloadViolationEvidence           CW
        GetMlps                             CW IN
        SaveMlps                            AO AS CO
        AddMlpsAssessment                   AO AS CO
        RecordMlpsException                 BA
        AddMlpsDocument                     AO AS CO
        DownloadMlpsDocument                CW IN
        GetCloudMlps                        CW IN
        ListMlps                            CW IN
        ExportMlps                          CW IN
        MlpsDue                             CW IN
        IssueRectification                  BA CO IN
        ListRectifications                  CW IN
        ExportRectifications                CW IN
        RectificationDashboard              CW IN
        RectificationRecipients             BA CO IN
        GetRectification                    CW IN
        RectificationNoticePdf              CW IN
        RectificationNoticeDocx             CW IN
        AnswerRectificationItem             AO AS CO
        VerifyRectificationItem             BA CO IN
        DownloadRectificationEvidence       CW IN
        PlanInspection                      BA
        ListInspections                     CW IN
        InspectionChecklistTemplate         CW IN
        GetInspection                       CW IN
        RecordFinding                       BA CO IN
        AddFindingEvidence                  BA CO IN
        DownloadFindingEvidence             CW IN
        CompleteInspection                  BA
        InspectionReportPdf                 CW IN
        InspectionReportDocx                CW IN
        RecordSecurityEvent                 CO
        ListSecurityEvents                  CW IN
        ExportSecurityEvents                CW IN
        AffectableBySecurityEvents          CO
        GetSecurityEvent                    CW IN
        AddSecurityEventStep                CO
        CloseSecurityEvent                  CO
        ListSecurityBulletins               CW IN
        PreviewSecurityBulletin             CO
        PublishSecurityBulletin             CO
        GetSecurityBulletin                 CW IN
        SecurityBulletinPdf                 CW IN
        SecurityBulletinDocx                CW IN
        RequestAccess                       CO
        ListAccessGrants                    AO AS CO BA IN
        ExportAccessGrants                  AO AS CO BA IN
        ListReachableSystems                CO
        ListAccessTargets                   CO
        GetAccessGrant                      AO AS CO BA IN
        ApproveAccess                       AS
        RefuseAccess                        AS
        WithdrawAccessRequest               CO
        ReviewEmergencyAccess               AO AS
        RevokeAccessGrant                   AO AS
        CheckAccess                         BG
        OpenEmergencyAccess                 CO
        ListAccessLog                       AO AS CO BA IN
        ExportAccessLog                     AO AS CO BA IN
        ListConfidentialityAgreements       AO AS CO BA IN
        AddConfidentialityAgreement         CO
        VoidConfidentialityAgreement        CO
        PushMetrics                         PA
        GetUtilisation                      AO AS CE CO BA FI
        ExportUtilisation                   AO AS CE CO BA FI
        ListIdleVms                         AO AS CE CO BA FI
        ListOversizedVms                    AO AS CE CO BA FI
        ListSizingProposals                 AO AS CE CO BA FI
        ProposeSizing                       CE CO
        AcceptSizingProposal                AO
        DeclineSizingProposal               AO
        RecordIncident                      CO
        ListIncidents                       AO AS CE CO BA FI
        ExportIncidents                     AO AS CE CO BA FI
        IncidentTargets                     CO
        GetIncident                         AO AS CE CO BA FI
        CloseIncident                       CO
        GetAvailability                     AO AS CE CO BA FI
        GetSystemOperations                 AO AS CE CO BA IN
        SaveSystemOperations                AO AS
        AddEmergencyDrill                   AO AS
        AddOperationsDocument               AO AS
        DownloadOperationsDocument          AO AS CE CO BA IN
        ListOperationsGaps                  AO AS CE CO BA IN
        ListOperationsBulletins             AO AS CE CO BA FI
        GetOperationsBulletin               AO AS CE CO BA FI
        OperationsBulletinPdf               AO AS CE CO BA FI
        OperationsBulletinExcel             AO AS CE CO BA FI
        CountOperationsBulletin             CO
        PublishOperationsBulletin           CO
        ConfidentialityAgreementTemplate    AO AS CO BA IN
        DownloadConfidentialityAgreement    AO AS CO BA IN
        ConfidentialityAgreementOverview    AO AS CO BA IN
        ExportConfidentialityAgreements     AO AS CO BA IN
        """;

    private static Dictionary<string, HashSet<Role>?> Expected()
    {
        var table = new Dictionary<string, HashSet<Role>?>();
        foreach (var line in Matrix.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            table[words[0]] = words[1] == "-" ? null
                : words.Skip(1).SelectMany(w => Groups.TryGetValue(w, out var g) ? g.Split(' ') : [w]).Select(a => Abbreviations[a]).ToHashSet();
        }
        return table;
    }

    private sealed record Call(string Name, string Method, string Path, bool Form);

    /// <summary>Every API endpoint of the running app, with its route filled in by ids that do not exist.</summary>
    private List<Call> Endpoints()
    {
        var calls = new List<Call>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is not { } raw || !raw.StartsWith("/api")) continue;
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? raw;
            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                    path.Append(part switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "date" } => "2026-01-05",
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "no-such-thing",
                        _ => "",
                    });
            }
            var form = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                calls.Add(new Call(name, method, path.ToString(), form));
        }
        return calls;
    }

    /// <summary>A signed-in client for each role, each holding that role alone.</summary>
    private async Task<Dictionary<Role, HttpClient>> ClientsAsync()
    {
        var demo = new Dictionary<Role, string>
        {
            [Role.SystemAdmin] = "admin", [Role.SecurityAdmin] = "secadmin", [Role.AuditAdmin] = "auditor", [Role.AgencyOperator] = "edu",
            [Role.AgencySecurityOfficer] = "edusec", [Role.BureauApprover] = "bureau", [Role.Inspector] = "police", [Role.FinanceViewer] = "finance",
            [Role.PlatformAgent] = "cloudapi", [Role.BastionAgent] = "bastion",
        };
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var (role, user) in demo) clients[role] = await app.SignInAsync(user);
        // The demo's Center user holds both Center roles; one user each.
        var center = await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == "市信息化建设管理中心").Select(o => o.Id).SingleAsync(Ct));
        foreach (var role in new[] { Role.CenterEvaluator, Role.CenterOperator })
        {
            var userName = "matrix" + role.ToString().ToLowerInvariant() + Guid.NewGuid().ToString("N")[..4];
            var created = await (await clients[Role.SystemAdmin].PostJsonAsync("/api/v1/users", new
            {
                userName, displayName = "矩阵测试", organisationId = center, roles = new[] { role },
            })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
            var first = await app.SignInAsync(userName, created.OneTimePassword);
            (await first.PostJsonAsync("/api/v1/me/password", new { currentPassword = created.OneTimePassword, newPassword = "Matrix#Pass2026" })).EnsureSuccessStatusCode();
            clients[role] = await app.SignInAsync(userName, "Matrix#Pass2026");
        }
        return clients;
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_table_and_declares_who_may_call_it()
    {
        var expected = Expected();
        var found = Endpoints().Select(c => c.Name).ToHashSet();
        Assert.Empty(found.Except(expected.Keys));
        Assert.Empty(expected.Keys.Except(found));
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.RoutePattern.RawText?.StartsWith("/api") == true))
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var anonymous = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            var roles = endpoint.Metadata.GetMetadata<GovCloud.Web.Infrastructure.Auth.AllowedRoles>();
            Assert.True(anonymous || roles is not null, $"{name} says neither who may call it nor that anyone may");
            Assert.Equal(expected[name] is null, anonymous);
        }
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_table_says()
    {
        var expected = Expected();
        var clients = await ClientsAsync();
        var wrong = new List<string>();
        // Signing out revokes the token the client uses: last.
        foreach (var call in Endpoints().Where(c => expected[c.Name] is not null).OrderBy(c => c.Name == "RevokeCurrentToken"))
            foreach (var (role, client) in clients)
            {
                var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
                if (call.Form) request.Content = new MultipartFormDataContent { { new StringContent("1"), "version" } };
                else if (call.Method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request, Ct);
                var status = (int)response.StatusCode;
                var allowed = expected[call.Name]!.Contains(role);
                if (!allowed && status != 403)
                    wrong.Add($"{call.Name} as {role}: expected 403, got {status}");
                else if (!allowed && !Http.HasChinese(await response.Content.ReadAsStringAsync(Ct)))
                    wrong.Add($"{call.Name} as {role}: 403 without a Chinese reason");
                else if (allowed && (status is 401 or 403 || status >= 500))
                    wrong.Add($"{call.Name} as {role}: expected to pass the gate, got {status} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

public sealed class AccessMatrixOnSqlite(SqliteApp app) : AccessMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class AccessMatrixOnPostgres(PostgresApp app) : AccessMatrixTests(app), IClassFixture<PostgresApp>;
