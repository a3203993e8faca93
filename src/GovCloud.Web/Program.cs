using GovCloud.Web.Components;
using GovCloud.Web.Features.Account;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Work;
using GovCloud.Web.Features.Auth;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.DataAccess;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Platform;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Features.Operations;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Serilog;

// `--demo` loads the sample city into an empty database.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--demo").ToArray(),
    ContentRootPath = HostSetup.PublishedContentRoot(),
});
if (demo) builder.Configuration["GovCloud:Demo:Enabled"] = "true";
// http://localhost:5080 unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls("http://localhost:5080");
// `dotnet run` without a launch profile is Production: serve the framework's and AntDesign's files from the
// build output as well (a published app has them in wwwroot, and then this does nothing).
builder.WebHost.UseStaticWebAssets();
var options = builder.Configuration.GetSection(GovCloudOptions.Section).Get<GovCloudOptions>() ?? new GovCloudOptions();
builder.Services.Configure<GovCloudOptions>(builder.Configuration.GetSection(GovCloudOptions.Section));
_ = options.Security.RoleHomes; // a role or organisation type misspelt in configuration stops the start, in Chinese
GovCloud.Web.Infrastructure.Documents.CjkFont.Configure(options.Documents.FontFiles);
builder.Services.AddSingleton(TimeProvider.System);

// Platform
builder.AddGovCloudLogging();
builder.AddGovCloudTelemetry();
builder.Services.AddChineseProblemDetails();
builder.Services.AddGovCloudJson();
builder.Services.AddGovCloudForwardedHeaders(options.TrustedProxies);
builder.AddGovCloudUploadLimit(options.Files);
builder.Services.AddGovCloudOpenApi();
builder.Services.AddGovCloudHealth();

// Data, identity, sign-in
builder.Services.AddGovCloudDatabase(builder.Configuration, options.Database);
builder.Services.AddGovCloudDataProtection();
builder.Services.AddGovCloudIdentity(options.Security);
builder.Services.AddGovCloudAuth(options.Security);
builder.Services.AddCrossSiteProtection();
builder.Services.AddHostedService<DatabaseInitialiser>();

// Areas
builder.Services.AddScoped<DataScope>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<AuditService>();
builder.Services.AddScoped<SignInService>();
builder.Services.AddScoped<TokenService>();
builder.Services.AddScoped<SessionService>();
builder.Services.AddScoped<SecondFactorService>();
builder.Services.AddScoped<OrganisationService>();
builder.Services.AddScoped<UserService>();
builder.Services.AddSingleton<CalendarCache>();
builder.Services.AddScoped<CalendarService>();
builder.Services.AddScoped<DeadlineClockService>();
builder.Services.AddScoped<DeadlineDashboardService>();
builder.Services.AddScoped<DeadlineSweep>();
builder.Services.AddScoped<InboxService>();
builder.Services.AddScoped<WorkService>();
builder.Services.AddScoped<HandoverNotices>();
builder.Services.AddScoped<InfoSystemService>();
builder.Services.AddScoped<MigrationSnapshots>();
builder.Services.AddScoped<CatalogService>();
builder.Services.AddScoped<PoolService>();
builder.Services.AddSingleton<FileStore>();
builder.Services.AddScoped<ApplicationService>();
builder.Services.AddScoped<ApplicationFlowService>();
builder.Services.AddScoped<AttachmentService>();
builder.Services.AddScoped<InventoryService>();
builder.Services.AddScoped<ReconciliationService>();
builder.Services.AddScoped<TrialService>();
builder.Services.AddScoped<ChangeService>();
builder.Services.AddScoped<DataCenterService>();
builder.Services.AddScoped<CertificationService>();
builder.Services.AddScoped<MigrationPlanService>();
builder.Services.AddScoped<RevocationService>();
builder.Services.AddScoped<MlpsService>();
builder.Services.AddScoped<RectificationService>();
builder.Services.AddScoped<InspectionService>();
builder.Services.AddScoped<SecurityEventService>();
builder.Services.AddScoped<AccessGrantService>();
builder.Services.AddScoped<AccessCheckService>();
builder.Services.AddScoped<AccessLogService>();
builder.Services.AddScoped<ConfidentialityService>();
builder.Services.AddSingleton<IVmProvider, ManualVmProvider>();
builder.Services.AddSingleton<VmDirectory>();
builder.Services.AddScoped<MetricIngest>();
builder.Services.AddScoped<UsageSummary>();
builder.Services.AddScoped<PrometheusPull>();
builder.Services.AddScoped<UtilisationService>();
builder.Services.AddScoped<SizingProposalService>();
builder.Services.AddScoped<IncidentService>();
builder.Services.AddScoped<OperationsBulletinService>();
builder.Services.AddScoped<SystemOperationsService>();
builder.Services.AddHttpClient(PrometheusPull.HttpClientName);

builder.Services.AddHostedService<PeriodicJobs>();

// UI
builder.Services.AddGovCloudUi();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseGovCloudErrors();
// Routing after the error pages: a 404 re-executed as /not-found is routed again (with the implicit routing at the front
// of the pipeline, the re-executed request found no page and a signed-in user got an empty 404).
app.UseRouting();
app.UseGovCloudUploadLimit(options.Files);
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseForcedPasswordChange();
app.UseCrossSiteProtection();
app.UseAntiforgery();

app.MapMetrics();
app.MapPlatform();
var api = app.MapGroup("").WithStandardProblems().WithDefinedEnums();
api.MapAuthApi();
api.MapMeApi();
api.MapOrganisationsApi();
api.MapUsersApi();
api.MapAdminRequestsApi();
api.MapAuditApi();
api.MapCalendarApi();
api.MapDeadlinesApi();
api.MapInboxApi();
api.MapWorkApi();
api.MapSystemsApi();
api.MapCatalogApi();
api.MapPoolsApi();
api.MapApplicationsApi();
api.MapTrialsApi();
api.MapChangesApi();
api.MapInventoryApi();
api.MapDataCentersApi();
api.MapSupervisionApi();
api.MapRectificationsApi();
api.MapInspectionsApi();
api.MapSecurityEventsApi();
api.MapDataAccessApi();
api.MapMonitoringApi();
api.MapOperationsApi();
app.MapAccountEndpoints();
app.MapGovCloudUi();
app.PrintAddressesOnStart();

app.Run();
