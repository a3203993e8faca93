namespace GovCloud.Web.Infrastructure;

/// <summary>Everything under the "GovCloud" configuration section (appsettings.json, GovCloud__X__Y variables).</summary>
public sealed class GovCloudOptions
{
    public const string Section = "GovCloud";

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public BootstrapOptions Bootstrap { get; set; } = new();
    public DeadlineOptions Deadlines { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public ApplicationOptions Applications { get; set; } = new();
    public FileOptions Files { get; set; } = new();
    public ImportOptions Imports { get; set; } = new();
    public DateOptions Dates { get; set; } = new();
    public PoolOptions Pools { get; set; } = new();
    public ProvisioningOptions Provisioning { get; set; } = new();
    public DataCenterOptions DataCenters { get; set; } = new();
    public SupervisionOptions Supervision { get; set; } = new();
    public DocumentOptions Documents { get; set; } = new();
    public DataAccessOptions DataAccess { get; set; } = new();
    public PersonalDataOptions PersonalData { get; set; } = new();
    public Features.Monitoring.MonitoringOptions Monitoring { get; set; } = new();
    public Features.Platform.MetricsOptions Metrics { get; set; } = new();
    public Features.Operations.OperationsOptions Operations { get; set; } = new();

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (loopback always is),
    /// so that the audit log and the sign-in limit see the user's address, not the proxy's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
    public SecurityOptions Security { get; set; } = new();
}

public sealed class DatabaseOptions
{
    /// <summary>Sqlite (embedded, the default) or PostgreSQL.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Used when ConnectionStrings:GovCloud is not set and the provider is Sqlite.</summary>
    public string SqlitePath { get; set; } = "data/govcloud.db";

    public bool IsPostgreSql => string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}

public sealed class DemoOptions
{
    /// <summary>Set by the --demo switch: fills an empty database with sample organisations and users.</summary>
    public bool Enabled { get; set; }

    /// <summary>The password of every demo user.</summary>
    public string Password { get; set; } = "GovCloud@2026";

    /// <summary>
    /// The published second-factor secret of the demo users whose roles need one (like the demo password, for trying
    /// the demo with any authenticator app); empty: they enrol at their first sign-in like anyone else.
    /// </summary>
    public string SecondFactorSecret { get; set; } = "GOVCLOUDDEMOTOTPKEYLIUZHOU234567";

    /// <summary>Also fill the sample city with information systems and applications in every state.</summary>
    public bool Applications { get; set; } = true;
}

public sealed class DeadlineOptions
{
    /// <summary>Warn the responsible users this many working days before the last day (0 = on the last day).</summary>
    public int[] WarnWorkingDaysBefore { get; set; } = [1, 0];

    /// <summary>How often the sweeper looks for clocks to warn on or mark overdue.</summary>
    public int SweepIntervalSeconds { get; set; } = 60;
}

/// <summary>Network zones and per-VM limits of resource requests (R-32.1: configuration, not code).</summary>
public sealed class ApplicationOptions
{
    /// <summary>
    /// The zones a new installation starts with; from then on the Bureau keeps them in 网络分区.
    /// (The configuration binder appends to this default, so readers take distinct names.)
    /// </summary>
    public string[] NetworkZones { get; set; } = ["公共网络区", "互联网区"];

    /// <summary>R-21.2: the Center evaluates within this many working days.</summary>
    public int EvaluationWorkingDays { get; set; } = 7;

    /// <summary>R-21.3: the Bureau decides within this many working days.</summary>
    public int ApprovalWorkingDays { get; set; } = 5;

    public int MaxVcpu { get; set; } = 64;
    public int MaxMemoryGb { get; set; } = 512;
    public int MaxSystemDiskGb { get; set; } = 1024;
    public int MaxDataDiskGb { get; set; } = 32768;

    public GovCloud.Domain.Applications.VmLimits Limits => new(MaxVcpu, MaxMemoryGb, MaxSystemDiskGb, MaxDataDiskGb) { Zones = NetworkZones.Distinct().ToArray() };
}

/// <summary>How far each pooled resource may be promised beyond the hardware .</summary>
public sealed class PoolOptions
{
    public double VcpuOvercommit { get; set; } = 2.0;
    public double MemoryOvercommit { get; set; } = 1.0;
    public double StorageOvercommit { get; set; } = 1.0;

    public GovCloud.Domain.Provisioning.Overcommit Overcommit => new(VcpuOvercommit, MemoryOvercommit, StorageOvercommit);
}

/// <summary>Trial and provisioning periods .</summary>
public sealed class ProvisioningOptions
{
    /// <summary>R-21.4: the Center provides the trial environment within this many working days of the approval.</summary>
    public int TrialDeliveryWorkingDays { get; set; } = 2;
    public int TrialMinDays { get; set; } = 15;
    public int TrialMaxDays { get; set; } = 30;
    public int TrialDefaultDays { get; set; } = 30;
    /// <summary>The agency is reminded this many calendar days before its trial ends.</summary>
    public int TrialReminderDaysBefore { get; set; } = 3;

    public GovCloud.Domain.Provisioning.TrialLimits TrialLimits => new(TrialMinDays, TrialMaxDays, TrialDefaultDays);

    /// <summary>Art. 21 gives the Center no period to evaluate a change or a termination; the application's 7 working days by default.</summary>
    public int ChangeEvaluationWorkingDays { get; set; } = 7;
    /// <summary>R-21.6: the Bureau approves a change within 3 working days, the Center carries it out within 3.</summary>
    public int ChangeApprovalWorkingDays { get; set; } = 3;
    public int ChangeWorkingDays { get; set; } = 3;
    /// <summary>R-21.7: the Bureau approves a termination within 5 working days, the Center reclaims within 3.</summary>
    public int TerminationApprovalWorkingDays { get; set; } = 5;
    public int ReclaimWorkingDays { get; set; } = 3;
}

/// <summary>Certification of self-built data centres: thresholds and periods, configuration .</summary>
public sealed class DataCenterOptions
{
    public decimal MinAreaM2 { get; set; } = 40m;
    public int MinUsableRacks { get; set; } = 6;
    public GovCloud.Domain.DataCenters.RoomClass MinRoomClass { get; set; } = GovCloud.Domain.DataCenters.RoomClass.B;
    public int MinFullTimeStaff { get; set; } = 2;
    public int MinMlpsLevel { get; set; } = 3;
    /// <summary>R-15.1: a centre with at most this many existing racks (现有机架数) gets the shorter transition.</summary>
    public int SmallCentreMaxRacks { get; set; } = 5;
    /// <summary>R-14.1: the Center evaluates within 15 working days (a sensitive-data centre too, the seed giving it no period of its own).</summary>
    public int EvaluationWorkingDays { get; set; } = 15;
    /// <summary>R-14.1, R-17.1: the Bureau decides within 5 working days.</summary>
    public int DecisionWorkingDays { get; set; } = 5;
    /// <summary>R-14.2, R-17.1: a certified centre is retained this many years, then migrated within the next.</summary>
    public int RetentionYears { get; set; } = 2;
    public int MigrationAfterRetentionYears { get; set; } = 1;
    /// <summary>R-15.1: the transition of a centre not certified — up to SmallCentreMaxRacks racks, and above.</summary>
    public int SmallTransitionYears { get; set; } = 1;
    public int LargeTransitionYears { get; set; } = 2;
    /// <summary>R-16.1 gives the Bureau no period for a migration plan; 5 working days, as for a decision, until the city sets one.</summary>
    public int PlanReviewWorkingDays { get; set; } = 5;
    /// <summary>R-16.1, R-20.1: the seed gives the Bureau no period to confirm a revocation and take the equipment into the pool; 5 working days until the city sets one.</summary>
    public int RevocationConfirmWorkingDays { get; set; } = 5;
    /// <summary>R-16.1: from this MLPS level up, a shut-down system's data is handed over (archived) before it is wiped.</summary>
    public int HandoverFromMlpsLevel { get; set; } = 3;
    /// <summary>
    /// The day the city's rules took effect: a self-built centre in use from a later day, or a lease begun after
    /// it, is a new centre or a new lease and is recorded as a violation when registered. Set it to the city's own date.
    /// </summary>
    public DateOnly RulesEffectiveOn { get; set; } = new(2021, 1, 1);
    /// <summary>
    /// The last day the Bureau gives existing self-built centres to apply for certification; none when unset. A
    /// centre that has not applied by then is treated as not certified from that day, its transition counted from it.
    /// </summary>
    public DateOnly? ApplyBy { get; set; }
    /// <summary>How long before a retention, transition or lease ends the agency and the Bureau are reminded.</summary>
    public int ReminderDaysBefore { get; set; } = 90;

    public GovCloud.Domain.DataCenters.CertificationCriteria Criteria => new(MinAreaM2, MinUsableRacks, MinRoomClass, MinFullTimeStaff, MinMlpsLevel, SmallCentreMaxRacks);
}

/// <summary>
/// Security supervision: how often a system of each MLPS level is assessed, in months, and how many days ahead
/// its keepers are reminded. Configuration; a level with 0 months needs no periodic assessment.
/// </summary>
public sealed class SupervisionOptions
{
    public int AssessmentMonthsLevel2 { get; set; } = 24;
    public int AssessmentMonthsLevel3 { get; set; } = 12;
    public int AssessmentMonthsLevel4 { get; set; } = 6;
    public int AssessmentMonthsLevel5 { get; set; } = 6;
    public int FirstReminderDaysBefore { get; set; } = 90;
    public int SecondReminderDaysBefore { get; set; } = 30;

    /// <summary>
    /// 整改通知书文号 per issuing organisation type ({year} and {seq} are filled in); an issuer without a pattern numbers as
    /// “{its name}整改〔{year}〕{seq}号”.
    /// </summary>
    public Dictionary<string, string> NoticeNumberPatterns { get; set; } = new()
    {
        ["Bureau"] = "柳大数安整〔{year}〕{seq}号",
        ["Center"] = "柳信中安整〔{year}〕{seq}号",
        ["PublicSecurity"] = "柳公网安整〔{year}〕{seq}号",
        ["ConfidentialOffice"] = "柳保密整〔{year}〕{seq}号",
        ["CyberspaceOffice"] = "柳网信整〔{year}〕{seq}号",
    };

    /// <summary>云安全状况通报's number ({year} and {seq} are filled in); numbered per year.</summary>
    public string BulletinNumberPattern { get; set; } = "柳信中安通〔{year}〕{seq}号";

    /// <summary>
    /// The checklist a new inspection starts from (检查内容模板); each plan keeps its own copy and may change it. Defaults follow
    /// the technical and management parts of GB/T 22239 level 3 that the regulators look at most.
    /// </summary>
    public string[] InspectionChecklist { get; set; } =
    [
        "等级保护定级备案与测评", "身份鉴别与口令策略", "访问控制与权限管理", "安全审计与日志留存", "漏洞与补丁管理", "恶意代码防范",
        "数据备份与恢复", "敏感数据保护与数据不出境", "网络边界与访问策略", "安全管理制度与人员", "应急预案与演练",
    ];

    /// <summary>An open notice whose last day is this many calendar days away or fewer is 即将到期 on the dashboard.</summary>
    public int NoticeDueSoonDays { get; set; } = 7;

    public GovCloud.Domain.Supervision.MlpsSchedule Schedule => new(
        new Dictionary<int, int> { [2] = AssessmentMonthsLevel2, [3] = AssessmentMonthsLevel3, [4] = AssessmentMonthsLevel4, [5] = AssessmentMonthsLevel5 }
            .Where(p => p.Value > 0).ToDictionary(),
        new[] { FirstReminderDaysBefore, SecondReminderDaysBefore }.Where(d => d >= 0).Distinct().ToArray());
}

/// <summary>Official documents the product prints (整改通知书 …).</summary>
public sealed class DocumentOptions
{
    /// <summary>The platform's name as documents tell recipients where to answer.</summary>
    public string PlatformName { get; set; } = "柳州市政务云管理平台";

    /// <summary>
    /// TrueType fonts (.ttf or a .ttc collection of TrueType outlines) for Chinese in PDFs, tried in order; the first found is
    /// embedded. Debian: fonts-arphic-uming (宋体 style), fonts-wqy-zenhei.
    /// </summary>
    public string[] FontFiles { get; set; } =
    [
        "fonts/govcloud-cjk.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
    ];
}

/// <summary>Uploaded documents: where they are kept, how large and of which kinds.</summary>
public sealed class FileOptions
{
    /// <summary>A folder (relative to the working directory unless absolute); back it up with the database.</summary>
    public string Root { get; set; } = "data/files";
    /// <summary>The one upload limit: documents, spreadsheets and calendars alike, and the request size the server accepts.</summary>
    public int MaxSizeMb { get; set; } = 50;
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".zip"];
}

/// <summary>
/// What an uploaded spreadsheet may unpack to before any of it is read: a small .xlsx can hold a
/// sheet of gigabytes (a "zip bomb"), so the package is measured first and refused when it exceeds these.
/// </summary>
public sealed class ImportOptions
{
    /// <summary>All parts of the package together, uncompressed.</summary>
    public int MaxUnpackedMb { get; set; } = 100;
    /// <summary>Rows of any one sheet (a platform export of 100,000 VMs fits).</summary>
    public int MaxRows { get; set; } = 200_000;
    /// <summary>Cells of any one row.</summary>
    public int MaxColumns { get; set; } = 200;
    /// <summary>Parts of the package (sheets, styles, images…); an ordinary workbook has a few dozen.</summary>
    public int MaxParts { get; set; } = 2_000;

    public SpreadsheetLimits Limits => new(MaxUnpackedMb * 1024L * 1024L, MaxRows, MaxColumns, MaxParts);
}

/// <summary>The range of every date a user types (<see cref="GovCloud.Domain.Calendar.PlausibleDates"/>).</summary>
public sealed class DateOptions
{
    public DateOnly Earliest { get; set; } = new(1990, 1, 1);
    public int YearsAhead { get; set; } = 30;

    public GovCloud.Domain.Calendar.PlausibleDates Around(DateOnly today) => GovCloud.Domain.Calendar.PlausibleDates.Around(today, Earliest, YearsAhead);
}

/// <summary>E-mail for notifications; off while Host is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "govcloud@liuzhou.gov.cn";
    public string FromName { get; set; } = "柳州市政务云管理平台";
}

public sealed class BootstrapOptions
{
    /// <summary>
    /// The first administrator's one-time password for an automated install; when empty a random
    /// one is generated and printed once. Either way it must be changed at first sign-in.
    /// </summary>
    public string? AdminPassword { get; set; }
}

public sealed class SecurityOptions
{
    public int PasswordMinLength { get; set; } = 10;
    public int PasswordMinCharacterClasses { get; set; } = 3;
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int IdleTimeoutMinutes { get; set; } = 30;
    public int TokenLifetimeHours { get; set; } = 8;

    /// <summary>Sign-in attempts (page and token endpoint together) one client address may make per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 30;

    /// <summary>
    /// The roles that must have a second factor (动态口令), comma-separated; empty for none. Anyone may add one; once
    /// added it is always asked. A machine account (PlatformAgent) signs in with its password and token alone.
    /// </summary>
    public string SecondFactorRoles { get; set; } = GovCloud.Domain.Security.SecondFactorRules.DefaultRequiredRoles;

    /// <summary>
    /// Which organisation types may hold a role, for the roles a city or county sets otherwise than the default
    /// (<see cref="GovCloud.Domain.Security.RoleHomes.Default"/>): role name → comma-separated organisation types.
    /// </summary>
    public Dictionary<string, string> RoleOrganisations { get; set; } = [];

    private GovCloud.Domain.Security.RoleHomes? _roleHomes;
    public GovCloud.Domain.Security.RoleHomes RoleHomes => _roleHomes ??= GovCloud.Domain.Security.RoleHomes.Configure(RoleOrganisations);

    /// <summary>The name the authenticator app shows beside the code.</summary>
    public string SecondFactorIssuer { get; set; } = "柳州市政务云";
}

/// <summary>
/// Access to agencies' hosts, databases and storage: the longest window an agency may be asked for, the longest
/// emergency access, how far ahead a window may start. Configuration: a county chooses its own.
/// </summary>
public sealed class DataAccessOptions
{
    public int MaxHours { get; set; } = 8;
    public int MaxEmergencyHours { get; set; } = 2;
    public int MaxDaysAhead { get; set; } = 7;
    /// <summary>保密协议: how many days before an agency's agreement runs out the Center and the agency are reminded (即将到期).</summary>
    public int AgreementReminderDaysBefore { get; set; } = 60;

    public GovCloud.Domain.DataAccess.AccessLimits Limits => new(MaxHours, MaxEmergencyHours, MaxDaysAhead);
}

/// <summary>
/// The keys that encrypt mobiles, e-mails and phones at rest (SM4) and index them for search (HMAC-SM3). Set them in
/// production (GovCloud__PersonalData__Keys__2=…, GovCloud__PersonalData__CurrentKey=2, GovCloud__PersonalData__IndexKey=…),
/// kept apart from the database; when none are set they are made once and kept in <see cref="KeyFile"/>.
/// </summary>
public sealed class PersonalDataOptions
{
    /// <summary>Key id → 16 bytes in base64. Old keys stay listed until re-encryption has moved every value to the current one.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string? CurrentKey { get; set; }

    /// <summary>16 to 64 bytes in base64: the key of the search index (a keyed hash, never rotated without re-indexing).</summary>
    public string? IndexKey { get; set; }

    /// <summary>The city's telephone area code: a fixed line in it is found whether or not the area code is typed (2801234, 0772-2801234).</summary>
    public string LocalAreaCode { get; set; } = "0772";

    /// <summary>Where keys made on first start are kept when none are configured (relative to the working directory, beside the database).</summary>
    public string KeyFile { get; set; } = "data/personal-data-keys.json";
}
