using GovCloud.Domain.Applications;
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

    [Fact]
    public void R_21_5_bandwidth_and_public_addresses_are_never_overcommitted_and_are_checked_like_vCPU()
    {
        Assert.Equal(new Resources(300, 1000, 5000, 1000, 16), PoolRules.Effective(new Resources(100, 1000, 5000, 1000, 16), new Overcommit(Vcpu: 3)));
        var pool = new PoolFigures("互联网区", new Resources(100, 100, 100, 1000, 16), new Resources(100, 100, 100, 1000, 16),
            new Resources(0, 0, 0, 600, 10), new Resources(0, 0, 0, 300, 4));
        Assert.Equal((100, 2), (pool.Free.BandwidthMbps, pool.Free.PublicIps));
        Assert.Empty(PoolRules.Check(pool, new Resources(1, 1, 1, 100, 2)));
        var shortfalls = PoolRules.Check(pool, new Resources(1, 1, 1, 150, 3));
        Assert.Equal(["带宽", "公网 IP"], shortfalls.Select(s => s.Resource));
        Assert.Equal("网络分区“互联网区”的带宽不足：本次需 150 Mbps，可用 100 Mbps，缺 50 Mbps", shortfalls[0].Message);
        Assert.Equal(1, shortfalls[1].Missing);
        // A pool already overdrawn (the Bureau approved beyond it, stating why) holds up only requests that ask for more of it.
        var overdrawn = pool with { Reserved = new Resources(0, 0, 0, 600, 10) };
        Assert.Empty(PoolRules.Check(overdrawn, new Resources(1, 1, 1, 0, 0)));
        Assert.Equal("带宽", Assert.Single(PoolRules.Check(overdrawn, new Resources(1, 1, 1, 1, 0))).Resource);
    }

    [Fact]
    public void R_21_5_network_needs_name_a_zone_once_with_an_amount_and_the_centers_changes_say_why()
    {
        string[] zones = ["公共网络区", "互联网区"];
        Assert.Empty(NetworkRules.Validate([new NetworkNeed("互联网区", 100, 2), new NetworkNeed("公共网络区", 0, 1)], zones));
        Assert.Equal(["network[0].zone", "network[1].zone", "network[1].bandwidthMbps", "network[1].publicIps", "network[2].bandwidthMbps"],
            NetworkRules.Validate([new NetworkNeed("专网", 1, 0), new NetworkNeed("专网", -1, 300), new NetworkNeed("互联网区", 0, null)], zones)
                .Select(p => p.Field));
        NetworkNeed[] asked = [new("互联网区", 100, 2)];
        Assert.Empty(NetworkRules.ValidateOpinions(asked, [new NetworkOpinion("互联网区", 100, 2, null)])); // agreed as asked
        Assert.Equal("network[0].reason", Assert.Single(NetworkRules.ValidateOpinions(asked, [new NetworkOpinion("互联网区", 50, 2, " ")])).Field);
        Assert.Equal("network[0].zone", Assert.Single(NetworkRules.ValidateOpinions(asked, [new NetworkOpinion("公共网络区", 5, 0, "多给")])).Field);
        // A reason of invisible characters is no reason.
        Assert.Equal("network[0].reason", Assert.Single(NetworkRules.ValidateOpinions(asked, [new NetworkOpinion("互联网区", 50, 2, " \u200b\u0001 ")])).Field);
        // Holes and lists longer than there is to say are refused whole, with a short echo of what was typed.
        Assert.Equal("network[0]", Assert.Single(NetworkRules.Validate([null], zones)).Field);
        Assert.Equal("network", Assert.Single(NetworkRules.Validate(Enumerable.Repeat<NetworkNeed?>(new("互联网区", 1, 0), 51).ToList(), zones)).Field);
        Assert.Equal("network", Assert.Single(NetworkRules.ValidateOpinions(asked, [new NetworkOpinion("互联网区", 1, 0, "a"), new NetworkOpinion("x", 1, 0, "b")])).Field);
        Assert.True(NetworkRules.Validate([new NetworkNeed(new string('区', 10_000), 1, 0)], zones)[0].Message.Length < 60);
        // Bandwidth goes with VMs: a zone without any of the application's VMs cannot be served.
        Assert.Equal("network[1].zone", Assert.Single(NetworkRules.CheckZonesHaveVms([new("互联网区", 10, 1), new("公共网络区", 10, 0)], ["互联网区"])).Field);
    }

    [Fact]
    public void R_21_5_a_delivery_hands_out_no_more_bandwidth_or_public_addresses_than_approved_per_zone()
    {
        var approved = new Dictionary<string, Resources> { ["互联网区"] = new(0, 0, 0, 100, 2) };
        Assert.Empty(NetworkRules.CheckDelivered(new Dictionary<string, Resources> { ["互联网区"] = new(0, 0, 0, 100, 2) }, approved));
        var problems = NetworkRules.CheckDelivered(new Dictionary<string, Resources>
        {
            ["互联网区"] = new(0, 0, 0, 120, 2), ["公共网络区"] = new(0, 0, 0, 0, 1),
        }, approved);
        Assert.Equal(["网络分区“互联网区”交付的带宽合计 120 Mbps 超过批准的 100 Mbps，增加须提交变更申请",
            "网络分区“公共网络区”交付的公网 IP 1 个超过批准的 0 个，增加须提交变更申请"], problems.Select(p => p.Message).Order());
    }
}
