using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.Tests;

// a zone's pool — what may be promised, what is taken, and what a request would leave.
public class PoolRulesTests
{
    [Fact]
    public void R_20_1_overcommit_multiplies_what_may_be_promised_of_the_hardware()
    {
        Assert.Equal(new Resources(300, 1000, 5000), PoolRules.Effective(new Resources(100, 1000, 5000), new Overcommit(Vcpu: 3)));
        Assert.Equal(new Resources(150, 1200, 5000), PoolRules.Effective(new Resources(100, 1000, 5000), new Overcommit(1.5, 1.2)));
    }

    [Fact]
    public void R_20_1_free_is_what_is_neither_running_nor_reserved()
    {
        var pool = new PoolFigures("公共网络区", new(100, 400, 1000), new(200, 400, 1000), Allocated: new(50, 100, 200), Reserved: new(30, 100, 300));
        Assert.Equal(new Resources(120, 200, 500), pool.Free);
    }

    [Fact]
    public void R_20_1_a_request_beyond_the_pool_names_the_zone_the_resource_and_how_much_is_missing()
    {
        var pool = new PoolFigures("互联网区", new(10, 40, 100), new(10, 40, 100), Resources.None, new(6, 8, 0));
        Assert.Empty(PoolRules.Check(pool, new Resources(4, 32, 100)));
        var shortfalls = PoolRules.Check(pool, new Resources(8, 8, 150));
        Assert.Equal(["vCPU", "存储"], shortfalls.Select(s => s.Resource));
        Assert.Equal("网络分区“互联网区”的vCPU不足：本次需 8 核，可用 4 核，缺 4 核", shortfalls[0].Message);
        Assert.Equal(50, shortfalls[1].Missing);
    }
}
