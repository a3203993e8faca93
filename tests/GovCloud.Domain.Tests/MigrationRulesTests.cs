using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.Tests;

// and R-A1: a centre's stage, its migrate-by date, the plan, data handling and revocation.
public class MigrationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static CentreStatus Certified(DateOnly retentionEnds) =>
        new(DataCenterKind.SelfBuilt, false, CertificationState.Certified, retentionEnds, retentionEnds.AddYears(1), null);

    [Fact]
    public void R_A1_a_centre_moves_from_registered_through_certification_and_retention_to_migration_and_revocation()
    {
        var registered = new CentreStatus(DataCenterKind.SelfBuilt, false, null, null, null, null);
        Assert.Equal(DataCenterStage.Registered, MigrationRules.Stage(registered, Today));
        Assert.Equal(DataCenterStage.Certifying, MigrationRules.Stage(registered with { Certifying = true }, Today));
        // Retained up to and including the last day of retention, migrating the day after.
        Assert.Equal(DataCenterStage.Retained, MigrationRules.Stage(Certified(Today), Today));
        Assert.Equal(DataCenterStage.Migrating, MigrationRules.Stage(Certified(Today.AddDays(-1)), Today));
        var notCertified = registered with { Decision = CertificationState.NotCertified, MigrateBy = Today.AddYears(1) };
        Assert.Equal(DataCenterStage.Migrating, MigrationRules.Stage(notCertified, Today));
        Assert.Equal(DataCenterStage.Revoked, MigrationRules.Stage(notCertified with { RevokedOn = Today }, Today));
        // A leased centre migrates within its lease from the day it is registered.
        var leased = new CentreStatus(DataCenterKind.Leased, false, null, null, new DateOnly(2027, 6, 30), null);
        Assert.Equal(DataCenterStage.Migrating, MigrationRules.Stage(leased, Today));
        Assert.All(Enum.GetValues<DataCenterStage>(), s => Assert.DoesNotContain(s.ToString(), s.DisplayName()));
    }

    [Fact]
    public void R_19_1_R_15_1_the_migrate_by_date_is_the_decision_s_or_the_lease_end_whichever_is_earlier()
    {
        var transition = new DecisionOutcome(false, null, null, new DateOnly(2027, 11, 25));
        var retained = new DecisionOutcome(true, new DateOnly(2028, 11, 27), new DateOnly(2029, 11, 27), null);
        Assert.Equal(new DateOnly(2027, 11, 25), MigrationRules.MigrateBy(DataCenterKind.SelfBuilt, null, transition));
        Assert.Equal(new DateOnly(2029, 11, 27), MigrationRules.MigrateBy(DataCenterKind.SelfBuilt, null, retained));
        Assert.Equal(new DateOnly(2027, 6, 30), MigrationRules.MigrateBy(DataCenterKind.Leased, new DateOnly(2027, 6, 30), null));
        Assert.Equal(new DateOnly(2027, 6, 30), MigrationRules.MigrateBy(DataCenterKind.Leased, new DateOnly(2027, 6, 30), transition));
        Assert.Null(MigrationRules.MigrateBy(DataCenterKind.SelfBuilt, new DateOnly(2027, 6, 30), null));
    }

    [Fact]
    public void R_18_1_Finance_stops_funding_the_day_after_retention_ends_and_a_re_application_comes_after_it()
    {
        // Art. 18: 保留期满后，市财政局不再安排…运维资金，因特殊情况仍需暂时保留的，需再次提出自建数据中心的认定申请.
        Assert.False(MigrationRules.FundingStopped(Certified(Today), Today));
        Assert.True(MigrationRules.FundingStopped(Certified(Today.AddDays(-1)), Today));
        Assert.False(MigrationRules.FundingStopped(Certified(Today.AddDays(-1)) with { RevokedOn = Today }, Today));
        Assert.StartsWith($"保留期至 {Today:yyyy-MM-dd}，保留期内不需再次申请", MigrationRules.CheckReapplication(Certified(Today), Today));
        Assert.Null(MigrationRules.CheckReapplication(Certified(Today.AddDays(-1)), Today));
        var notCertified = new CentreStatus(DataCenterKind.SelfBuilt, false, CertificationState.NotCertified, null, Today.AddYears(1), null);
        Assert.NotNull(MigrationRules.CheckReapplication(notCertified, Today));
        Assert.Null(MigrationRules.CheckReapplication(notCertified with { Decision = null }, Today));
    }

    [Fact]
    public void R_18_1_while_a_re_application_is_decided_the_centre_awaits_re_certification_and_stays_unfunded()
    {
        var pending = Certified(Today.AddDays(-30)) with { Certifying = true };
        Assert.True(MigrationRules.Recertifying(pending));
        Assert.Equal("重新认定中", MigrationRules.StageName(pending, Today));
        Assert.True(MigrationRules.FundingStopped(pending, Today));
        // Refused: the old deadline stands and funding stays stopped; certified again: a new retention is funded.
        var refused = pending with { Certifying = false, Decision = CertificationState.NotCertified };
        Assert.True(MigrationRules.FundingStopped(refused, Today));
        Assert.Equal(DataCenterStage.Migrating, MigrationRules.Stage(refused, Today));
        Assert.False(MigrationRules.FundingStopped(Certified(Today.AddYears(2)), Today));
        Assert.Equal("待认定", MigrationRules.StageName(new CentreStatus(DataCenterKind.SelfBuilt, false, null, null, null, null), Today));
    }

    [Fact]
    public void R_15_1_a_centre_that_has_not_applied_by_the_city_s_date_is_treated_as_not_certified()
    {
        var registered = new CentreStatus(DataCenterKind.SelfBuilt, false, null, null, null, null);
        var applyBy = Today.AddDays(-1);
        Assert.True(MigrationRules.MissedApplyBy(registered, applyBy, Today));
        Assert.False(MigrationRules.MissedApplyBy(registered, Today, Today));
        Assert.False(MigrationRules.MissedApplyBy(registered, null, Today));
        Assert.False(MigrationRules.MissedApplyBy(registered with { Certifying = true }, applyBy, Today));
        Assert.False(MigrationRules.MissedApplyBy(registered with { Kind = DataCenterKind.Leased }, applyBy, Today));
        // Before the date it is a deadline in sight like any other.
        Assert.Equal(("认定申请期限", Today.AddDays(30)), MigrationRules.EndingWithin(registered, Today, 90, Today.AddDays(30)));
    }

    [Fact]
    public void R_14_2_reminders_cover_the_retention_end_while_retained_and_the_migrate_by_date_after_it()
    {
        Assert.Equal(("保留期", Today.AddDays(90)), MigrationRules.EndingWithin(Certified(Today.AddDays(90)), Today, 90));
        Assert.Null(MigrationRules.EndingWithin(Certified(Today.AddDays(91)), Today, 90));
        // After retention the next end is the migration's.
        var after = Certified(Today.AddDays(-300));
        Assert.Equal(("迁移期限", after.MigrateBy!.Value), MigrationRules.EndingWithin(after, Today, 90));
        Assert.Null(MigrationRules.EndingWithin(after with { RevokedOn = Today }, Today, 90));
    }

    private static readonly HostedSystem Portal = new(Guid.NewGuid(), "门户网站", false);
    private static readonly HostedSystem Oa = new(Guid.NewGuid(), "协同办公", false);

    [Fact]
    public void R_16_1_a_plan_lists_every_hosted_system_once_with_a_target_date_within_the_deadline()
    {
        var due = new DateOnly(2027, 11, 25);
        Assert.Empty(MigrationRules.ValidatePlan(
            [new(Portal.Id, PlanDisposition.Migrate, due, "3 月完成测试"), new(Oa.Id, PlanDisposition.ShutDown, Today, null)], [Portal, Oa], due, Today));

        var problems = MigrationRules.ValidatePlan(
            [new(Portal.Id, PlanDisposition.Migrate, due.AddDays(1), null), new(Portal.Id, null, Today.AddDays(-1), null), new(Guid.NewGuid(), PlanDisposition.Migrate, null, null)],
            [Portal, Oa], due, Today);
        Assert.Equal(
        [
            ("items[0].targetDate", "计划完成日期晚于迁移期限 2027-11-25"), ("items[1].systemId", "《门户网站》重复列入"), ("items[1].disposition", "请选择迁移上云或整合关停"),
            ("items[1].targetDate", "计划完成日期不能早于今天"), ("items[2].systemId", "请选择该数据中心承载的信息系统"), ("items[2].targetDate", "请填写计划完成日期"),
            ("items", "《协同办公》未列入迁移计划"),
        ], problems.Select(p => (p.Field, p.Message)));
        // A system already on the cloud need not be listed; a centre hosting nothing more has an empty plan.
        Assert.Empty(MigrationRules.ValidatePlan([new(Portal.Id, PlanDisposition.Migrate, due, null)], [Portal, Oa with { Gone = true }], due, Today));
        Assert.Empty(MigrationRules.ValidatePlan([], [Oa with { Gone = true }], due, Today));
        Assert.Equal("《门户网站》未列入迁移计划", MigrationRules.ValidatePlan([], [Portal], due, Today).Single().Message);
    }

    [Theory]
    [InlineData(2, true, true)]
    [InlineData(2, false, true)]  // below level 3 the order is free
    [InlineData(3, true, true)]
    [InlineData(3, false, false)] // level 3 and above: archived before it is wiped
    [InlineData(null, false, true)]
    public void R_16_1_data_of_a_system_shut_down_is_handed_over_and_wiped_in_the_order_its_MLPS_level_asks(int? level, bool handoverFirst, bool accepted)
    {
        var (first, second) = (Today.AddDays(-3), Today);
        var record = new DisposalRecord("市档案馆", "全部业务数据", handoverFirst ? first : second, "物理销毁", handoverFirst ? second : first, "张三、李四");
        var problems = ChangeRules.ValidateDisposal(record, true, Today, level, handoverFromLevel: 3);
        Assert.Equal(accepted, problems.Count == 0);
        if (!accepted) Assert.Equal($"该系统为等保第3级，数据须先移交归档再清除：清除日期不能早于移交日期 {Today:yyyy-MM-dd}", problems.Single().Message);
    }

    [Fact]
    public void R_16_1_a_centre_is_revoked_only_after_its_approved_plan_is_carried_out()
    {
        Assert.Empty(MigrationRules.CheckRevocation(false, true, []));
        Assert.Equal(["迁移计划尚未经大数据局同意", "尚有系统未完成迁移或关停：《门户网站》"], MigrationRules.CheckRevocation(false, false, ["门户网站"]));
        Assert.Equal(["该数据中心已撤销"], MigrationRules.CheckRevocation(true, true, []));
    }

    [Fact]
    public void R_16_1_the_equipment_list_brings_its_capacity_times_the_quantity_and_names_bad_cells()
    {
        EquipmentRow[] rows = [new(EquipmentKind.Server, "华为 2288H V5", 4, 64, 256, 4000, 0), new(EquipmentKind.Network, "核心交换机", 2, null, null, null, 10000)];
        Assert.Empty(MigrationRules.ValidateEquipment(rows));
        var (resources, bandwidth) = MigrationRules.Capacity(rows);
        Assert.Equal(new Resources(256, 1024, 16000), resources);
        Assert.Equal(20000, bandwidth);
        Assert.Equal(["equipment[0].kind", "equipment[0].model", "equipment[0].quantity", "equipment[0].vcpu"],
            MigrationRules.ValidateEquipment([new(null, " ", 0, -1, null, null, null)]).Select(p => p.Field));
        Assert.Equal("equipment", MigrationRules.ValidateEquipment([]).Single().Field);
    }

    [Fact]
    public void R_20_1_an_equipment_list_cannot_overflow_into_a_negative_pool()
    {
        // Found by a hostile test: 3 × 10,000 devices of 10,000,000 each wrapped round to −647,710,720 in the pool.
        EquipmentRow[] absurd = [new(EquipmentKind.Server, "虚构服务器", 10000, 10_000_000, 10_000_000, 10_000_000, 10_000_000)];
        Assert.Equal(["equipment[0].vcpu", "equipment[0].memoryGb", "equipment[0].bandwidthMbps"], MigrationRules.ValidateEquipment(absurd).Select(p => p.Field));
        // Each device within what real ones hold, but the list together beyond any machine room: refused as a whole.
        EquipmentRow[] many = [.. Enumerable.Repeat(new EquipmentRow(EquipmentKind.Storage, "存储阵列", 10000, 0, 0, 10_000_000, 0), 3)];
        Assert.Equal(["equipment"], MigrationRules.ValidateEquipment(many).Select(p => p.Field));
        Assert.Contains("存储合计超过 100,000,000", MigrationRules.ValidateEquipment(many).Single().Message);
        Assert.Empty(MigrationRules.ValidateEquipment([new(EquipmentKind.Server, "大型服务器", 100, 1024, 65536, 100_000, 400_000)]));
    }
}
