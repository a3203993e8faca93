using GovCloud.Domain.Applications;

namespace GovCloud.Domain.Tests;

// systems are tracked until migrated; the migration rate counts certified centres as migrated.
public class InfoSystemRulesTests
{
    [Fact]
    public void The_rate_is_systems_on_the_cloud_over_systems_in_service()
    {
        var count = InfoSystemRules.Migration(
        [
            (SystemLifecycle.OnCloud, SystemLocation.OnCloud),
            (SystemLifecycle.PendingMigration, SystemLocation.UncertifiedDataCenter),
            (SystemLifecycle.InTrial, SystemLocation.Elsewhere),
            (SystemLifecycle.Offline, SystemLocation.Elsewhere), // retired: not counted at all
        ]);
        Assert.Equal(new MigrationCount(1, 3), count);
        Assert.Equal(1.0 / 3, count.Rate);
    }

    [Fact]
    public void R_14_2_a_certified_data_centre_counts_as_migrated_for_now() =>
        Assert.Equal(1.0, InfoSystemRules.Migration([(SystemLifecycle.PendingMigration, SystemLocation.CertifiedDataCenter)]).Rate);

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
