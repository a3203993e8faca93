using GovCloud.Domain.Audit;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using GovCloud.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// The one model of GovCloud. Each provider has a small subclass that owns its migrations
/// (<see cref="SqliteGovCloudDbContext"/>, <see cref="PostgreSqlGovCloudDbContext"/>); everything
/// else asks for this type.
/// </summary>
public abstract class GovCloudDbContext(DbContextOptions options)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<AdminRequest> AdminRequests => Set<AdminRequest>();
    public DbSet<Features.Auth.RecoveryCode> RecoveryCodes => Set<Features.Auth.RecoveryCode>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
    public DbSet<HolidayAdjustment> HolidayAdjustments => Set<HolidayAdjustment>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<CalendarState> CalendarStates => Set<CalendarState>();
    public DbSet<DeadlineClock> DeadlineClocks => Set<DeadlineClock>();
    public DbSet<ClockPause> ClockPauses => Set<ClockPause>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<InfoSystem> InfoSystems => Set<InfoSystem>();
    public DbSet<MigrationRateSnapshot> MigrationRateSnapshots => Set<MigrationRateSnapshot>();
    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();
    public DbSet<CatalogPrice> CatalogPrices => Set<CatalogPrice>();
    public DbSet<NetworkZone> NetworkZones => Set<NetworkZone>();
    public DbSet<PoolCapacityChange> PoolCapacityChanges => Set<PoolCapacityChange>();
    public DbSet<PoolSnapshot> PoolSnapshots => Set<PoolSnapshot>();
    public DbSet<ResourceApplication> ResourceApplications => Set<ResourceApplication>();
    public DbSet<ApplicationVm> ApplicationVms => Set<ApplicationVm>();
    public DbSet<RequestedService> RequestedServices => Set<RequestedService>();
    public DbSet<ApplicationNetwork> ApplicationNetworks => Set<ApplicationNetwork>();
    public DbSet<ApplicationAttachment> ApplicationAttachments => Set<ApplicationAttachment>();
    public DbSet<TrialEnvironment> TrialEnvironments => Set<TrialEnvironment>();
    public DbSet<CloudVm> CloudVms => Set<CloudVm>();
    public DbSet<CloudVmEvent> CloudVmEvents => Set<CloudVmEvent>();
    public DbSet<CloudService> CloudServices => Set<CloudService>();
    public DbSet<DataCenter> DataCenters => Set<DataCenter>();
    public DbSet<DataCenterViolation> DataCenterViolations => Set<DataCenterViolation>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<CertificationEvidence> CertificationEvidence => Set<CertificationEvidence>();
    public DbSet<MigrationPlan> MigrationPlans => Set<MigrationPlan>();
    public DbSet<MigrationPlanItem> MigrationPlanItems => Set<MigrationPlanItem>();
    public DbSet<DataCenterEquipment> DataCenterEquipment => Set<DataCenterEquipment>();
    public DbSet<ChangeRequest> ChangeRequests => Set<ChangeRequest>();
    public DbSet<ChangeLine> ChangeLines => Set<ChangeLine>();
    public DbSet<ChangeAttachment> ChangeAttachments => Set<ChangeAttachment>();
    public DbSet<Features.Supervision.MlpsRecord> MlpsRecords => Set<Features.Supervision.MlpsRecord>();
    public DbSet<Features.Supervision.MlpsAssessment> MlpsAssessments => Set<Features.Supervision.MlpsAssessment>();
    public DbSet<Features.Supervision.MlpsDocument> MlpsDocuments => Set<Features.Supervision.MlpsDocument>();
    public DbSet<Features.Supervision.RectificationNotice> RectificationNotices => Set<Features.Supervision.RectificationNotice>();
    public DbSet<Features.Supervision.RectificationItem> RectificationItems => Set<Features.Supervision.RectificationItem>();
    public DbSet<Features.Supervision.RectificationRound> RectificationRounds => Set<Features.Supervision.RectificationRound>();
    public DbSet<Features.Supervision.RectificationEvidence> RectificationEvidence => Set<Features.Supervision.RectificationEvidence>();
    public DbSet<Features.Supervision.Inspection> Inspections => Set<Features.Supervision.Inspection>();
    public DbSet<Features.Supervision.InspectionTarget> InspectionTargets => Set<Features.Supervision.InspectionTarget>();
    public DbSet<Features.Supervision.InspectionFinding> InspectionFindings => Set<Features.Supervision.InspectionFinding>();
    public DbSet<Features.Supervision.SecurityEvent> SecurityEvents => Set<Features.Supervision.SecurityEvent>();
    public DbSet<Features.Supervision.SecurityBulletin> SecurityBulletins => Set<Features.Supervision.SecurityBulletin>();
    public DbSet<Features.Supervision.FindingEvidence> FindingEvidence => Set<Features.Supervision.FindingEvidence>();
    public DbSet<Features.DataAccess.AccessGrant> AccessGrants => Set<Features.DataAccess.AccessGrant>();
    public DbSet<Features.DataAccess.AccessGrantTarget> AccessGrantTargets => Set<Features.DataAccess.AccessGrantTarget>();
    public DbSet<Features.DataAccess.AccessCheck> AccessChecks => Set<Features.DataAccess.AccessCheck>();
    public DbSet<Features.DataAccess.ConfidentialityAgreement> ConfidentialityAgreements => Set<Features.DataAccess.ConfidentialityAgreement>();
    public DbSet<Features.Monitoring.VmDailyUsage> VmDailyUsage => Set<Features.Monitoring.VmDailyUsage>();
    public DbSet<Features.Monitoring.MetricSample> MetricSamples => Set<Features.Monitoring.MetricSample>();
    public DbSet<Features.Monitoring.UsagePull> UsagePulls => Set<Features.Monitoring.UsagePull>();
    public DbSet<Features.Monitoring.UsageRollup> UsageRollups => Set<Features.Monitoring.UsageRollup>();
    public DbSet<Features.Monitoring.UsageRollupMark> UsageRollupMarks => Set<Features.Monitoring.UsageRollupMark>();
    public DbSet<Features.Monitoring.VmSizingEvidence> VmSizingEvidence => Set<Features.Monitoring.VmSizingEvidence>();
    public DbSet<Features.Monitoring.SizingEvidenceMark> SizingEvidenceMarks => Set<Features.Monitoring.SizingEvidenceMark>();
    public DbSet<Features.Monitoring.SizingProposal> SizingProposals => Set<Features.Monitoring.SizingProposal>();
    public DbSet<Features.Operations.Incident> Incidents => Set<Features.Operations.Incident>();
    public DbSet<Features.Operations.IncidentTarget> IncidentTargets => Set<Features.Operations.IncidentTarget>();
    public DbSet<Features.Operations.SystemOperationsRecord> SystemOperationsRecords => Set<Features.Operations.SystemOperationsRecord>();
    public DbSet<Features.Operations.OperationsDocument> OperationsDocuments => Set<Features.Operations.OperationsDocument>();
    public DbSet<Features.Operations.EmergencyDrill> EmergencyDrills => Set<Features.Operations.EmergencyDrill>();
    public DbSet<Features.Operations.OperationsBulletin> OperationsBulletins => Set<Features.Operations.OperationsBulletin>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        Features.DataAccess.AccessGrantModel.Configure(b);
        Features.DataAccess.ConfidentialityAgreementModel.Configure(b);
        Features.Monitoring.UsageModel.Configure(b);
        Features.Monitoring.UsageRollups.Configure(b);
        Features.Monitoring.SizingEvidences.Configure(b);
        Features.Monitoring.SizingProposalModel.Configure(b);
        Features.Operations.IncidentModel.Configure(b);
        Features.Operations.SystemOperationsModel.Configure(b);
        Features.Operations.OperationsBulletinModel.Configure(b);

        b.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(100);
            e.HasIndex(o => o.Name).IsUnique();
            e.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
            e.Property(o => o.FundingType).HasConversion<string>().HasMaxLength(32);
            e.Property(o => o.CreditCode).HasMaxLength(18);
            e.HasIndex(o => o.CreditCode).IsUnique();
            e.Property(o => o.ContactName).HasMaxLength(50);
            e.Property(o => o.ContactPhone).HasMaxLength(30);
            e.Property(o => o.ContactEmail).HasMaxLength(100);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<User>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(50);
            e.Property(u => u.SecondFactorSecret).HasMaxLength(1000);
            e.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<UserRole>(e =>
        {
            e.HasKey(r => new { r.UserId, r.Role });
            e.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.Sequence).IsUnique();
            e.HasIndex(a => a.Time);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.ActorId);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.ClientIp).HasMaxLength(64);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
        });

        b.Entity<HolidayAdjustment>(e =>
        {
            e.HasKey(a => a.Date);
            e.Property(a => a.Holiday).HasMaxLength(20);
            e.Property(a => a.Source).HasMaxLength(8);
        });
        b.Entity<CalendarYear>(e =>
        {
            e.HasKey(y => y.Year);
            e.Property(y => y.Year).ValueGeneratedNever();
            e.Property(y => y.Source).HasMaxLength(8);
        });
        b.Entity<CalendarState>(e => e.Property(s => s.Id).ValueGeneratedNever());

        b.Entity<DeadlineClock>(e =>
        {
            e.Property(c => c.CaseType).HasMaxLength(64);
            e.Property(c => c.CaseId).HasMaxLength(64);
            e.Property(c => c.CaseTitle).HasMaxLength(200);
            e.Property(c => c.Step).HasMaxLength(64);
            e.Property(c => c.StepName).HasMaxLength(64);
            e.Property(c => c.ResponsibleRole).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.PeriodUnit).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Pauses).WithOne().HasForeignKey(p => p.ClockId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.State, c.DueAt });
            // Covers the on-time rate (state + last day, grouped by step) without touching the table.
            e.HasIndex(c => new { c.State, c.DueOn, c.Step, c.StepName });
            e.HasIndex(c => new { c.OrganisationId, c.State });
            e.HasIndex(c => new { c.CaseType, c.CaseId });
        });
        b.Entity<ClockPause>(e => e.Property(p => p.Reason).HasMaxLength(200));

        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique();
            e.HasIndex(n => new { n.UserId, n.ReadAt });
            e.HasIndex(n => n.DedupKey); // a daily reminder asks which of its keys were sent already, for any user
            e.Property(n => n.Kind).HasMaxLength(32);
            e.Property(n => n.Title).HasMaxLength(200);
            e.Property(n => n.Body).HasMaxLength(2000);
            e.Property(n => n.Link).HasMaxLength(300);
            e.Property(n => n.DedupKey).HasMaxLength(128);
        });

        b.Entity<InfoSystem>(e =>
        {
            e.HasOne<DataCenter>().WithMany().HasForeignKey(x => x.DataCenterId).OnDelete(DeleteBehavior.SetNull);
            e.Ignore(x => x.Elastic);
            e.Property(s => s.Name).HasMaxLength(100);
            e.HasIndex(s => new { s.OrganisationId, s.Name }).IsUnique();
            e.Property(s => s.Subsystems).HasMaxLength(500);
            e.Property(s => s.Vendor).HasMaxLength(100);
            e.Property(s => s.VendorContactName).HasMaxLength(50);
            e.Property(s => s.VendorContactMobile).HasMaxLength(20);
            e.Property(s => s.VendorContactEmail).HasMaxLength(100);
            e.Property(s => s.OffCloudReason).HasMaxLength(500);
            e.Property(s => s.OffCloudBy).HasMaxLength(256);
            e.Property(s => s.Remarks).HasMaxLength(500);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Location).HasConversion<string>().HasMaxLength(32);
            e.Property(s => s.Lifecycle).HasConversion<string>().HasMaxLength(32);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        // One MLPS record per system, and one assessment per system, day and assessor: a double submission is refused by the
        // database, not only by the code.
        b.Entity<Features.Supervision.MlpsRecord>(e =>
        {
            e.HasIndex(m => m.SystemId).IsUnique();
            e.Property(m => m.FilingNumber).HasMaxLength(64);
            e.Property(m => m.DataStorage).HasMaxLength(200);
            e.Property(m => m.ResponsiblePerson).HasMaxLength(50);
            e.Property(m => m.ExceptionReason).HasMaxLength(500);
            e.Property(m => m.ExceptionBy).HasMaxLength(256);
            e.Property(m => m.UpdatedBy).HasMaxLength(256);
            e.Property(m => m.Version).IsConcurrencyToken();
        });
        b.Entity<Features.Supervision.MlpsAssessment>(e =>
        {
            e.HasIndex(a => new { a.SystemId, a.AssessedOn, a.Assessor }).IsUnique();
            e.Property(a => a.Assessor).HasMaxLength(100);
            e.Property(a => a.Result).HasConversion<string>().HasMaxLength(24);
            e.Property(a => a.Score).HasPrecision(5, 2);
            e.Property(a => a.Problems).HasMaxLength(2000);
            e.Property(a => a.RecordedBy).HasMaxLength(256);
        });

        b.Entity<Features.Supervision.MlpsDocument>(e =>
        {
            e.HasIndex(d => d.SystemId);
            e.HasOne<Features.Supervision.MlpsAssessment>().WithMany().HasForeignKey(d => d.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(d => d.FileName).HasMaxLength(200);
            e.Property(d => d.StoredPath).HasMaxLength(300);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.UploadedBy).HasMaxLength(256);
        });

        // A 文号 is unique, and so is each issuer's running number within a year: two notices issued at once never share one.
        b.Entity<Features.Supervision.RectificationNotice>(e =>
        {
            e.HasIndex(n => n.Number).IsUnique();
            e.HasIndex(n => new { n.IssuerId, n.Year, n.Sequence }).IsUnique();
            e.HasIndex(n => new { n.RecipientId, n.State });
            e.HasOne(n => n.Issuer).WithMany().HasForeignKey(n => n.IssuerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(n => n.Recipient).WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(n => n.Items).WithOne().HasForeignKey(i => i.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.Property(n => n.Number).HasMaxLength(64);
            e.Property(n => n.Title).HasMaxLength(100);
            e.Property(n => n.LegalBasis).HasMaxLength(1000);
            e.Property(n => n.PeriodUnit).HasConversion<string>().HasMaxLength(24);
            e.Property(n => n.ContactName).HasMaxLength(50);
            e.Property(n => n.ContactPhone).HasMaxLength(30);
            e.Property(n => n.State).HasConversion<string>().HasMaxLength(24);
            e.Property(n => n.IssuedBy).HasMaxLength(256);
            e.Property(n => n.Version).IsConcurrencyToken();
        });
        b.Entity<Features.Supervision.RectificationItem>(e =>
        {
            e.HasIndex(i => new { i.NoticeId, i.RowNo }).IsUnique();
            // A finding is taken up by one notice (NULLs, items written on their own, are distinct to both databases).
            e.HasIndex(i => i.FindingId).IsUnique();
            e.HasMany(i => i.Rounds).WithOne().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.Property(i => i.Text).HasMaxLength(1000);
            e.Property(i => i.Risk).HasConversion<string>().HasMaxLength(24);
            e.Property(i => i.State).HasConversion<string>().HasMaxLength(24);
        });
        b.Entity<Features.Supervision.RectificationRound>(e =>
        {
            e.HasIndex(r => new { r.ItemId, r.Round }).IsUnique();
            e.HasMany(r => r.Evidence).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Action).HasMaxLength(2000);
            e.Property(r => r.AnsweredBy).HasMaxLength(256);
            e.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(24);
            e.Property(r => r.Reason).HasMaxLength(1000);
            e.Property(r => r.VerifiedBy).HasMaxLength(256);
        });
        b.Entity<Features.Supervision.RectificationEvidence>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.StoredPath).HasMaxLength(300);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });

        // An inspection looks at each organisation or system once, and each participant takes part once.
        // An event's number is unique; so is a bulletin's, its running number within a year, and its period (one bulletin a period).
        b.Entity<Features.Supervision.SecurityEvent>(e =>
        {
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.OccurredAt);
            e.HasMany(x => x.Affected).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Conclusion).HasMaxLength(2000);
            e.Property(x => x.ClosedBy).HasMaxLength(256);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Features.Supervision.SecurityEventTarget>(e =>
        {
            e.HasIndex(t => t.OrganisationId);
            e.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.SystemName).HasMaxLength(200);
            e.Property(t => t.VmName).HasMaxLength(128);
        });
        b.Entity<Features.Supervision.SecurityEventStep>(e =>
        {
            e.Property(s => s.Text).HasMaxLength(2000);
            e.Property(s => s.RecordedBy).HasMaxLength(256);
        });
        b.Entity<Features.Supervision.SecurityBulletin>(e =>
        {
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.Year, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.PeriodFrom, x.PeriodTo }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Number).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
        });
        b.Entity<Features.Supervision.Inspection>(e =>
        {
            e.HasIndex(i => i.Number).IsUnique();
            e.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.InspectionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.Participants).WithOne().HasForeignKey(p => p.InspectionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(i => i.Number).HasMaxLength(20);
            e.Property(i => i.Name).HasMaxLength(100);
            e.Property(i => i.Checklist).HasMaxLength(12000);
            e.Property(i => i.State).HasConversion<string>().HasMaxLength(24);
            e.Property(i => i.PlannedBy).HasMaxLength(256);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.Ignore(i => i.ChecklistItems);
        });
        b.Entity<Features.Supervision.InspectionTarget>(e =>
        {
            e.HasIndex(t => new { t.InspectionId, t.OrganisationId, t.SystemId }).IsUnique();
            e.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.SystemName).HasMaxLength(200);
        });
        b.Entity<Features.Supervision.InspectionParticipant>(e =>
        {
            e.HasIndex(p => new { p.InspectionId, p.OrganisationId }).IsUnique();
            e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Features.Supervision.InspectionFinding>(e =>
        {
            e.HasIndex(f => new { f.InspectionId, f.TargetId });
            e.HasOne<Features.Supervision.Inspection>().WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Features.Supervision.InspectionTarget>().WithMany().HasForeignKey(f => f.TargetId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(f => f.Evidence).WithOne().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
            e.Property(f => f.ChecklistItem).HasMaxLength(200);
            e.Property(f => f.Risk).HasConversion<string>().HasMaxLength(24);
            e.Property(f => f.Description).HasMaxLength(1000);
            e.Property(f => f.FoundBy).HasMaxLength(256);
        });
        b.Entity<Features.Supervision.FindingEvidence>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.StoredPath).HasMaxLength(300);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });

        b.Entity<MigrationRateSnapshot>(e =>
        {
            e.Property(s => s.Month).HasMaxLength(7);
            e.HasIndex(s => new { s.Month, s.OrganisationId }).IsUnique();
            e.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<CatalogItem>(e =>
        {
            e.HasKey(i => i.Code);
            e.HasIndex(i => i.No).IsUnique();
            e.Property(i => i.Code).HasMaxLength(32);
            e.Property(i => i.Name).HasMaxLength(50);
            e.Property(i => i.Specification).HasMaxLength(500);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasMany(i => i.Prices).WithOne().HasForeignKey(p => p.ItemCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CatalogPrice>(e =>
        {
            e.Property(p => p.ItemCode).HasMaxLength(32);
            e.Property(p => p.Component).HasMaxLength(32);
            e.Property(p => p.ComponentName).HasMaxLength(20);
            e.Property(p => p.Unit).HasMaxLength(20);
            e.Property(p => p.UnitPrice).HasPrecision(18, 4);
            e.Property(p => p.RecordedBy).HasMaxLength(256);
            e.HasIndex(p => new { p.ItemCode, p.Component, p.EffectiveFrom }).IsUnique();
        });
        b.Entity<NetworkZone>(e =>
        {
            e.Property(z => z.Name).HasMaxLength(30);
            e.HasIndex(z => z.Name).IsUnique();
            e.HasIndex(z => z.No).IsUnique();
            e.Property(z => z.Description).HasMaxLength(200);
            e.Property(z => z.ServerTypes).HasMaxLength(100);
            e.Property(z => z.OsImages).HasMaxLength(2000);
            e.Property(z => z.Version).IsConcurrencyToken();
        });

        b.Entity<PoolCapacityChange>(e =>
        {
            e.Property(c => c.Source).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Note).HasMaxLength(200);
            e.Property(c => c.By).HasMaxLength(256);
            e.HasOne(c => c.Zone).WithMany().HasForeignKey(c => c.ZoneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.ZoneId);
        });

        b.Entity<PoolSnapshot>(e =>
        {
            e.Property(s => s.Month).HasMaxLength(7);
            e.HasIndex(s => new { s.Month, s.ZoneId }).IsUnique();
        });

        b.Entity<ResourceApplication>(e =>
        {
            e.Property(a => a.Number).HasMaxLength(20);
            e.HasIndex(a => a.Number).IsUnique();
            e.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ReturnedFrom).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Purpose).HasMaxLength(1000);
            foreach (var name in new[] { nameof(ResourceApplication.AgencyContactName), nameof(ResourceApplication.VendorContactName) }) e.Property(name).HasMaxLength(50);
            foreach (var name in new[] { nameof(ResourceApplication.AgencyContactMobile), nameof(ResourceApplication.VendorContactMobile) }) e.Property(name).HasMaxLength(20);
            foreach (var name in new[] { nameof(ResourceApplication.AgencyContactEmail), nameof(ResourceApplication.VendorContactEmail) }) e.Property(name).HasMaxLength(100);
            e.Property(a => a.CreatedBy).HasMaxLength(256);
            e.Property(a => a.EvaluatedBy).HasMaxLength(256);
            e.Property(a => a.DecidedBy).HasMaxLength(256);
            e.Property(a => a.ReturnReason).HasMaxLength(2000);
            e.Property(a => a.EvaluationOpinion).HasMaxLength(2000);
            e.Property(a => a.DecisionOpinion).HasMaxLength(2000);
            e.Property(a => a.SurveyPeople).HasMaxLength(200);
            e.Property(a => a.SurveyFindings).HasMaxLength(2000);
            e.Property(a => a.ReviewExperts).HasMaxLength(200);
            e.Property(a => a.ReviewMinutes).HasMaxLength(4000);
            e.Property(a => a.ReviewConclusion).HasMaxLength(2000);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.System).WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.OpenClock).WithMany().HasForeignKey(a => a.OpenClockId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(a => a.Vms).WithOne().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Services).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Network).WithOne().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Attachments).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.State, a.CreatedAt });
            e.HasIndex(a => new { a.OrganisationId, a.State });
            e.HasIndex(a => a.SystemId);
            e.HasIndex(a => a.SystemId, "UX_ResourceApplications_OpenPerSystem").IsUnique().HasFilter(UniqueRules.OpenApplication);
        });
        b.Entity<ApplicationVm>(e =>
        {
            e.HasIndex(v => new { v.ApplicationId, v.No }).IsUnique();
            e.HasIndex(v => new { v.Zone, v.Approved });
            e.Property(v => v.Zone).HasMaxLength(30);
            e.Property(v => v.Vendor).HasMaxLength(100);
            e.Property(v => v.SystemName).HasMaxLength(100);
            e.Property(v => v.SubsystemName).HasMaxLength(100);
            e.Property(v => v.ServerType).HasConversion<string>().HasMaxLength(8);
            e.Property(v => v.OwnerNames).HasMaxLength(500);
            e.Property(v => v.OwnerEmails).HasMaxLength(1000);
            e.Property(v => v.OwnerMobiles).HasMaxLength(500);
            e.Property(v => v.OperatingSystem).HasMaxLength(100);
            e.Property(v => v.ClusterGroup).HasMaxLength(50);
            e.Property(v => v.Remarks).HasMaxLength(500);
            e.Property(v => v.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.DecisionReason).HasMaxLength(500);
        });
        b.Entity<RequestedService>(e =>
        {
            e.Property(s => s.ItemCode).HasMaxLength(32);
            e.Property(s => s.Remarks).HasMaxLength(200);
            e.HasIndex(s => new { s.ApplicationId, s.ItemCode }).IsUnique();
        });
        b.Entity<ApplicationNetwork>(e =>
        {
            e.Property(n => n.Zone).HasMaxLength(30);
            e.Property(n => n.DecisionReason).HasMaxLength(500);
            e.HasIndex(n => new { n.ApplicationId, n.Zone }).IsUnique();
        });
        b.Entity<ApplicationAttachment>(e =>
        {
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.StoredPath).HasMaxLength(300);
            e.Property(a => a.UploadedBy).HasMaxLength(256);
        });

        b.Entity<TrialEnvironment>(e =>
        {
            e.HasIndex(t => t.ApplicationId).IsUnique();
            e.HasIndex(t => new { t.State, t.EndsOn });
            e.HasIndex(t => t.OrganisationId);
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Provider).HasMaxLength(50);
            foreach (var name in new[] { nameof(TrialEnvironment.DeliveredBy), nameof(TrialEnvironment.AgencyAgreementBy), nameof(TrialEnvironment.CenterAgreementBy),
                         nameof(TrialEnvironment.ResultBy), nameof(TrialEnvironment.ClosedBy) })
                e.Property(name).HasMaxLength(256);
            e.Property(t => t.ResultNote).HasMaxLength(1000);
            e.Property(t => t.ReclaimReason).HasMaxLength(2000);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne(t => t.Application).WithMany().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<DeadlineClock>().WithMany().HasForeignKey(t => t.DeliveryClockId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<CloudVm>(e =>
        {
            e.HasIndex(v => new { v.OrganisationId, v.State });
            e.HasIndex(v => new { v.Zone, v.State });
            e.HasIndex(v => new { v.State, v.HostName });
            e.HasIndex(v => new { v.State, v.Zone, v.PublicIps });
            e.HasIndex(v => v.SystemId);
            e.HasIndex(v => new { v.ApplicationId, v.RowNo });
            e.HasIndex(v => v.HostName, "UX_CloudVms_HostNameInUse").IsUnique().HasFilter(UniqueRules.HeldVm);
            e.Property(v => v.Zone).HasMaxLength(30);
            e.Property(v => v.ServerType).HasConversion<string>().HasMaxLength(8);
            e.Property(v => v.HostName).HasMaxLength(63);
            e.Property(v => v.Ips).HasMaxLength(400);
            e.Property(v => v.OperatingSystem).HasMaxLength(100);
            e.Property(v => v.OwnerNames).HasMaxLength(500);
            e.Property(v => v.OwnerEmails).HasMaxLength(1000);
            e.Property(v => v.OwnerMobiles).HasMaxLength(500);
            e.Property(v => v.BastionAccounts).HasMaxLength(1000);
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Provider).HasMaxLength(50);
            e.Property(v => v.ExternalId).HasMaxLength(100);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.HasOne(v => v.Organisation).WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(v => v.System).WithMany().HasForeignKey(v => v.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ResourceApplication>().WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(v => v.Events).WithOne().HasForeignKey(x => x.VmId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CloudService>(e =>
        {
            e.HasIndex(x => new { x.SystemId, x.State });
            e.HasIndex(x => new { x.OrganisationId, x.State });
            e.Property(x => x.ItemCode).HasMaxLength(32);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.System).WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CloudVmEvent>(e =>
        {
            e.HasIndex(x => new { x.VmId, x.At });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.By).HasMaxLength(256);
        });

        b.Entity<ChangeRequest>(e =>
        {
            e.Property(c => c.Number).HasMaxLength(20);
            e.HasIndex(c => c.Number).IsUnique();
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Reason).HasMaxLength(1000);
            e.Property(c => c.EvaluationOpinion).HasMaxLength(2000);
            e.Property(c => c.DecisionOpinion).HasMaxLength(2000);
            foreach (var name in new[] { nameof(ChangeRequest.CreatedBy), nameof(ChangeRequest.EvaluatedBy), nameof(ChangeRequest.DecidedBy), nameof(ChangeRequest.CompletedBy) })
                e.Property(name).HasMaxLength(256);
            e.Property(c => c.DisposalMethod).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.DisposalPeople).HasMaxLength(200);
            e.Property(c => c.DisposalHandedOverTo).HasMaxLength(100);
            e.Property(c => c.DisposalHandoverContent).HasMaxLength(500);
            e.Property(c => c.DisposalWipeMethod).HasMaxLength(100);
            e.Ignore(c => c.Elastic);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(c => c.System).WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(c => c.OpenClock).WithMany().HasForeignKey(c => c.OpenClockId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ChangeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.ChangeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.State, c.CreatedAt });
            e.HasIndex(c => new { c.OrganisationId, c.State });
            e.HasIndex(c => c.SystemId);
            e.HasIndex(c => c.SystemId, "UX_ChangeRequests_OpenPerSystem").IsUnique().HasFilter(UniqueRules.OpenChange);
        });
        b.Entity<ChangeLine>(e =>
        {
            e.HasIndex(l => new { l.ChangeId, l.No }).IsUnique();
            e.Property(l => l.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.Zone).HasMaxLength(30);
            e.Property(l => l.HostName).HasMaxLength(63);
            e.Property(l => l.ServerType).HasConversion<string>().HasMaxLength(8);
            e.Property(l => l.SubsystemName).HasMaxLength(100);
            e.Property(l => l.OwnerNames).HasMaxLength(500);
            e.Property(l => l.OwnerEmails).HasMaxLength(1000);
            e.Property(l => l.OwnerMobiles).HasMaxLength(500);
            e.Property(l => l.OperatingSystem).HasMaxLength(100);
            e.Property(l => l.ItemCode).HasMaxLength(32);
            e.Ignore(l => l.From);
            e.Ignore(l => l.To);
        });
        b.Entity<ChangeAttachment>(e =>
        {
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.StoredPath).HasMaxLength(300);
            e.Property(a => a.UploadedBy).HasMaxLength(256);
        });

        b.Entity<DataCenter>(e =>
        {
            e.HasIndex(d => new { d.OrganisationId, d.Name }).IsUnique();
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.RoomClass).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.Address).HasMaxLength(200);
            e.Property(d => d.AreaM2).HasPrecision(10, 2);
            e.Property(d => d.Lessor).HasMaxLength(100);
            e.Property(d => d.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.RevokedBy).HasMaxLength(256);
            e.Property(d => d.RevocationNote).HasMaxLength(1000);
            e.Property(d => d.RevocationConfirmedBy).HasMaxLength(256);
            e.Property(d => d.RevocationOpinion).HasMaxLength(1000);
            e.HasIndex(d => d.MigrateBy);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne(d => d.Organisation).WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Certification>(e =>
        {
            e.Property(c => c.Number).HasMaxLength(20);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => new { c.DataCenterId, c.State });
            e.HasIndex(c => c.DataCenterId, "UX_Certifications_OpenPerCentre").IsUnique().HasFilter(UniqueRules.OpenCertification);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.RoomClass).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.AreaM2).HasPrecision(10, 2);
            e.Property(c => c.SelfCheck).HasMaxLength(4000);
            e.Property(c => c.CriteriaJson).HasMaxLength(4000);
            e.Property(c => c.EvaluationOpinion).HasMaxLength(2000);
            e.Property(c => c.SurveyPeople).HasMaxLength(200);
            e.Property(c => c.TechnicalReview).HasMaxLength(2000);
            e.Property(c => c.DecisionOpinion).HasMaxLength(2000);
            foreach (var name in new[] { nameof(Certification.SubmittedBy), nameof(Certification.EvaluatedBy), nameof(Certification.DecidedBy) }) e.Property(name).HasMaxLength(256);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.DataCenter).WithMany().HasForeignKey(c => c.DataCenterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(c => c.OpenClock).WithMany().HasForeignKey(c => c.OpenClockId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Evidence).WithOne().HasForeignKey(x => x.CertificationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CertificationEvidence>(e =>
        {
            e.Property(a => a.Criterion).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.StoredPath).HasMaxLength(300);
            e.Property(a => a.UploadedBy).HasMaxLength(256);
        });
        b.Entity<MigrationPlan>(e =>
        {
            e.Property(p => p.Number).HasMaxLength(20);
            e.HasIndex(p => p.Number).IsUnique();
            e.HasIndex(p => new { p.DataCenterId, p.State });
            e.HasIndex(p => p.DataCenterId, "UX_MigrationPlans_LivePerCentre").IsUnique().HasFilter(UniqueRules.LivePlan);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Note).HasMaxLength(1000);
            e.Property(p => p.ReviewOpinion).HasMaxLength(1000);
            e.Property(p => p.SubmittedBy).HasMaxLength(256);
            e.Property(p => p.ReviewedBy).HasMaxLength(256);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne(p => p.DataCenter).WithMany().HasForeignKey(p => p.DataCenterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(p => p.OpenClock).WithMany().HasForeignKey(p => p.OpenClockId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MigrationPlanItem>(e =>
        {
            e.Property(i => i.Disposition).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Milestones).HasMaxLength(500);
            e.Property(i => i.HandlingMethod).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.HandledBy).HasMaxLength(200);
            e.Property(i => i.HandedOverTo).HasMaxLength(100);
            e.Property(i => i.HandoverContent).HasMaxLength(500);
            e.Property(i => i.WipeMethod).HasMaxLength(100);
            e.Property(i => i.CertificateName).HasMaxLength(200);
            e.Property(i => i.CertificatePath).HasMaxLength(300);
            e.Property(i => i.CertificateSha256).HasMaxLength(64);
            e.Property(i => i.RecordedBy).HasMaxLength(256);
            e.HasIndex(i => i.SystemId);
            e.HasOne(i => i.System).WithMany().HasForeignKey(i => i.SystemId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DataCenterEquipment>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Model).HasMaxLength(100);
            e.HasIndex(x => x.DataCenterId);
            e.HasOne<DataCenter>().WithMany().HasForeignKey(x => x.DataCenterId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DataCenterViolation>(e =>
        {
            e.HasIndex(v => new { v.OrganisationId, v.Resolved });
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(v => v.Description).HasMaxLength(1000);
            e.Property(v => v.FollowUp).HasMaxLength(1000);
            e.Property(v => v.RecordedBy).HasMaxLength(256);
            e.Property(v => v.EvidenceName).HasMaxLength(200);
            e.Property(v => v.EvidencePath).HasMaxLength(300);
            e.Property(v => v.EvidenceSha256).HasMaxLength(64);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.HasOne(v => v.Organisation).WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(v => v.DataCenter).WithMany().HasForeignKey(v => v.DataCenterId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<JobLease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(64);
            e.Property(l => l.Holder).HasMaxLength(200);
        });

        b.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.ClientIp).HasMaxLength(64);
        });

        b.Entity<AdminRequest>(e =>
        {
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.TargetUserName).HasMaxLength(256);
            e.Property(r => r.Summary).HasMaxLength(500);
            e.Property(r => r.Payload).HasMaxLength(4000);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.Opinion).HasMaxLength(500);
            e.Property(r => r.RequestedByName).HasMaxLength(256);
            e.Property(r => r.RequestedByRoles).HasMaxLength(100);
            e.Property(r => r.DecidedByName).HasMaxLength(256);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.State, r.RequestedAt });
            // One open request per account: a second one waits until the first is decided.
            e.HasIndex(r => r.TargetUserName, "UX_AdminRequests_PendingPerAccount").IsUnique().HasFilter(UniqueRules.PendingRequest);
        });

        b.Entity<Features.Auth.RecoveryCode>(e =>
        {
            e.HasIndex(c => new { c.UserId, c.Hash });
            e.Property(c => c.Hash).HasMaxLength(64);
        });

        b.Entity<SignInSession>(e =>
        {
            e.HasIndex(s => s.UserId);
            e.Property(s => s.ClientIp).HasMaxLength(64);
            e.Property(s => s.EndReason).HasMaxLength(50);
            e.Property(s => s.Methods).HasMaxLength(20);
        });

        PersonalDataModel.Configure(b, PersonalData);
    }

    /// <summary>
    /// The app's protector of personal data; null where there is no app (while migrations are made), and then values pass
    /// unconverted. Each key set gets a model of its own (<see cref="GovCloudModelCacheKeyFactory"/>).
    /// </summary>
    internal PersonalDataProtector? PersonalData =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PersonalDataProtector>();

    /// <summary>
    /// Saves, and seals every new audit entry into the hash chain inside the same transaction, so
    /// an entry and the change it describes are committed together or not at all.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (PersonalData is { } protector) PersonalDataModel.IndexChanges(ChangeTracker, protector);
        var pending = ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var last = await AuditEntries.AsNoTracking()
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AuditChain.Genesis;
            foreach (var entry in pending)
            {
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.Hash(previous, entry.ToRecord());
                previous = entry.Hash;
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Serialises writers of the audit chain for the rest of the current transaction.</summary>
    protected abstract Task LockAuditChainAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits, inside the caller's transaction, until no other instance is writing audited changes: for
    /// values drawn from what is already stored (e.g. the next 申请编号), so two writers never draw the same.
    /// </summary>
    public Task TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("TakeWriteTurnAsync needs a transaction");
        return LockAuditChainAsync(cancellationToken);
    }
}

public sealed class SqliteGovCloudDbContext(DbContextOptions<SqliteGovCloudDbContext> options) : GovCloudDbContext(options)
{
    // Microsoft.Data.Sqlite begins transactions as BEGIN IMMEDIATE: the write lock is already held.
    protected override Task LockAuditChainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset text; store it as a sortable number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcBinaryConverter>();
    }

    /// <summary>
    /// EF's DateTimeOffsetToBinaryConverter numbers the clock time with the offset beside it, so 04:00+08:00 sorted after 21:00Z of the
    /// day before although it is earlier: a time typed in Beijing time and one from the server's clock did not compare. This numbers
    /// the instant (UTC, offset 0) the same way; values written before read back as the instant they were.
    /// </summary>
    private sealed class UtcBinaryConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => (v.UtcTicks / 1000) << 11,
        v => new DateTimeOffset(new DateTime((v >> 11) * 1000), new TimeSpan(0, (int)((v << 53) >> 53), 0)));
}

public sealed class PostgreSqlGovCloudDbContext(DbContextOptions<PostgreSqlGovCloudDbContext> options) : GovCloudDbContext(options)
{
    /// <summary>Any number that no other advisory lock of the product uses.</summary>
    private const long AuditChainLockKey = 0x476F76436C6F7564; // "GovCloud"

    protected override Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz takes UTC only; times in Beijing time (+08:00) are stored as the same instant in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}

/// <summary>One model per context type and key set of personal data: the model holds the converters that use the keys.</summary>
public sealed class GovCloudModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as GovCloudDbContext)?.PersonalData?.Fingerprint, designTime);
}
