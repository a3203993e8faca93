using GovCloud.Domain.Applications;

namespace GovCloud.Domain.Tests;

// systems are tracked until migrated; the rate counts what the registers show, not what a system says of itself.
public class InfoSystemRulesTests
{
    [Fact]
    public void R_30_1_the_rate_is_systems_in_formal_use_on_the_cloud_over_systems_in_service()
    {
        var count = InfoSystemRules.Migration(
        [
            new SystemFacts(SystemLifecycle.OnCloud, InFormalUse: true, false, false),
            new SystemFacts(SystemLifecycle.PendingMigration, false, false, HostedByCentre: true),
            new SystemFacts(SystemLifecycle.InTrial, false, false, false), // trial VMs are not formal use yet
            new SystemFacts(SystemLifecycle.OnCloud, false, false, false), // said to be on the cloud, not in the inventory: not counted
            new SystemFacts(SystemLifecycle.Offline, true, false, false), // retired: not counted at all
        ]);
        Assert.Equal(new MigrationCount(1, 4), count);
        Assert.Equal(0.25, count.Rate);
    }

    [Fact]
    public void R_14_2_a_system_in_a_certified_centre_counts_as_migrated_only_while_its_retention_runs()
    {
        var retained = new SystemFacts(SystemLifecycle.PendingMigration, false, InRetainedCentre: true, HostedByCentre: true);
        Assert.Equal(1.0, InfoSystemRules.Migration([retained]).Rate);
        Assert.Equal(SystemLocation.CertifiedDataCenter, InfoSystemRules.VerifiedLocation(retained));
        // From the day after retention ends (Art. 14(五)): not migrated, and it stands in an uncertified centre.
        var after = retained with { InRetainedCentre = false };
        Assert.Equal(0.0, InfoSystemRules.Migration([after]).Rate);
        Assert.Equal(SystemLocation.UncertifiedDataCenter, InfoSystemRules.VerifiedLocation(after));
        Assert.Equal(SystemLocation.OnCloud, InfoSystemRules.VerifiedLocation(after with { InFormalUse = true }));
        Assert.Null(InfoSystemRules.VerifiedLocation(new SystemFacts(SystemLifecycle.OnCloud, false, false, false)));
    }

    [Fact]
    public void R_4_2_new_and_upgraded_systems_are_built_on_the_cloud_unless_excepted()
    {
        Assert.Null(InfoSystemRules.CheckBuiltOnCloud(SystemKind.Existing, SystemLocation.Elsewhere, hasException: false));
        Assert.Null(InfoSystemRules.CheckBuiltOnCloud(SystemKind.New, SystemLocation.OnCloud, hasException: false));
        Assert.StartsWith("升级改造的系统须部署在政务云", InfoSystemRules.CheckBuiltOnCloud(SystemKind.Upgraded, SystemLocation.UncertifiedDataCenter, false));
        Assert.Null(InfoSystemRules.CheckBuiltOnCloud(SystemKind.New, SystemLocation.Elsewhere, hasException: true));
    }

    [Fact]
    public void No_systems_means_no_rate() => Assert.Null(InfoSystemRules.Migration([]).Rate);

    [Theory]
    [InlineData(null, true)]
    [InlineData(3, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    public void Mlps_levels_run_from_one_to_five(int? level, bool ok) => Assert.Equal(ok, InfoSystemRules.CheckMlpsLevel(level) is null);

    [Fact]
    public void Every_value_has_a_chinese_name()
    {
        Assert.All(Enum.GetValues<SystemKind>(), v => Assert.DoesNotContain(v.ToString(), v.DisplayName()));
        Assert.All(Enum.GetValues<SystemLocation>(), v => Assert.DoesNotContain(v.ToString(), v.DisplayName()));
        Assert.All(Enum.GetValues<SystemLifecycle>(), v => Assert.DoesNotContain(v.ToString(), v.DisplayName()));
    }
}
