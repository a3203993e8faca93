using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

// who may move a trial along, and what a delivered VM must look like.
public class TrialFlowTests
{
    private static readonly IReadOnlySet<Role> Center = new HashSet<Role> { Role.CenterOperator };
    private static readonly IReadOnlySet<Role> Agency = new HashSet<Role> { Role.AgencyOperator };
    private static readonly IReadOnlySet<Role> Officer = new HashSet<Role> { Role.AgencySecurityOfficer };

    [Fact]
    public void R_21_4_the_Center_delivers_and_only_while_awaiting_delivery()
    {
        Assert.Null(TrialFlow.Check(TrialAction.Deliver, TrialState.AwaitingDelivery, Center));
        var agency = TrialFlow.Check(TrialAction.Deliver, TrialState.AwaitingDelivery, Agency);
        Assert.Equal(RefusalKind.Role, agency!.Kind);
        Assert.Contains("运维人员", agency.Message);
        var twice = TrialFlow.Check(TrialAction.Deliver, TrialState.InTrial, Center);
        Assert.Equal(RefusalKind.State, twice!.Kind);
        Assert.Equal("试用当前为“试用中”，不能交付试用环境", twice.Message);
    }

    [Fact]
    public void R_21_4_the_agreement_is_confirmed_on_screen_only_by_the_agency_security_officer()
    {
        Assert.Null(TrialFlow.Check(TrialAction.ConfirmAgreementOnScreen, TrialState.InTrial, Officer));
        Assert.Equal(RefusalKind.Role, TrialFlow.Check(TrialAction.ConfirmAgreementOnScreen, TrialState.InTrial, Agency)!.Kind);
        // The operator may upload the signed copy instead.
        Assert.Null(TrialFlow.Check(TrialAction.UploadSignedAgreement, TrialState.InTrial, Agency));
        Assert.Null(TrialFlow.Check(TrialAction.CenterConfirmAgreement, TrialState.InTrial, Center));
        Assert.Equal(RefusalKind.Role, TrialFlow.Check(TrialAction.CenterConfirmAgreement, TrialState.InTrial, Officer)!.Kind);
    }

    [Theory]
    [InlineData(TrialAction.ReportResult)]
    [InlineData(TrialAction.Extend)]
    [InlineData(TrialAction.GoLive)]
    [InlineData(TrialAction.Reclaim)]
    public void R_21_5_nothing_happens_to_a_trial_that_is_already_live(TrialAction action)
    {
        var roles = new HashSet<Role> { Role.CenterOperator, Role.AgencyOperator };
        Assert.Null(TrialFlow.Check(action, TrialState.InTrial, roles));
        Assert.Equal(RefusalKind.State, TrialFlow.Check(action, TrialState.Live, roles)!.Kind);
        Assert.Equal(RefusalKind.State, TrialFlow.Check(action, TrialState.AwaitingDelivery, roles)!.Kind);
    }

    [Fact]
    public void R_21_5_only_VMs_in_formal_use_are_allocated_and_billed()
    {
        Assert.False(VmState.Trial.IsAllocated());
        Assert.False(VmState.Trial.IsBilled());
        Assert.True(VmState.Active.IsAllocated());
        Assert.True(VmState.Changing.IsBilled());
        Assert.True(VmState.Reclaiming.IsAllocated());
        Assert.False(VmState.Reclaimed.IsAllocated());
    }

    private static readonly ApprovedVm[] Approved = [new(1, 4, 8, 100, 200, 2), new(2, 8, 32, 100, 1000, 1)];

    private static DeliveredVm Good(int no, string host, string ips, params string[] accounts) =>
        new(no, host, ips, 4, 8, 100, 200, "麒麟 V10", accounts);

    [Fact]
    public void R_21_4_a_complete_delivery_within_the_approved_specs_passes()
    {
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11, 10.1.2.11", "zhangsan", "lisi"), Good(2, "edu-db-01", "10.1.1.12", "zhangsan")], Approved);
        Assert.Empty(problems);
    }

    [Fact]
    public void R_21_4_every_approved_row_is_delivered_once()
    {
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan", "lisi"), Good(3, "x", "10.1.1.13", "a")], Approved);
        Assert.Contains(problems, p => p.Field == "vms" && p.Message == "批准的第 2 台虚拟机尚未填写交付信息");
        Assert.Contains(problems, p => p.Field == "vms[1].no" && p.Message == "第 3 台不在批准的虚拟机中");
    }

    [Fact]
    public void R_21_4_a_VM_gets_no_more_than_approved_more_takes_a_change_request()
    {
        var bigger = Good(1, "edu-web-01", "10.1.1.11", "zhangsan", "lisi") with { Vcpu = 5, MemoryGb = 4 };
        var problems = DeliveryRules.Validate([bigger, Good(2, "edu-db-01", "10.1.1.12", "zhangsan")], Approved);
        var p = Assert.Single(problems);
        Assert.Equal("vms[0].vcpu", p.Field);
        Assert.Equal("第 1 台：实际vCPU 5 核超过批准的 4 核，增加配置须提交变更申请", p.Message);
    }

    [Theory]
    [InlineData("10.1.1.256", "IP 地址格式不正确")]
    [InlineData("10.1.1.12、10.1.1.13", null)]
    [InlineData("fd00::12", null)]
    [InlineData("12", "IP 地址格式不正确")]
    [InlineData("10.1.1.11", "与其他虚拟机重复")]
    [InlineData("", "请填写 IP 地址")]
    public void R_21_4_addresses_are_IP_addresses_and_unique_within_the_delivery(string ips, string? problem)
    {
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan", "lisi"), Good(2, "edu-db-01", ips, "zhangsan")], Approved);
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Field == "vms[1].ips" && p.Message.Contains(problem));
    }

    [Theory]
    [InlineData("edu_web", "主机名只能由字母")]
    [InlineData("-web", "主机名只能由字母")]
    [InlineData("EDU-WEB-01", "与其他虚拟机重复")]
    [InlineData(" ", "请填写主机名")]
    public void R_21_4_host_names_are_valid_and_unique(string host, string problem)
    {
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan", "lisi"), Good(2, host, "10.1.1.12", "zhangsan")], Approved);
        Assert.Contains(problems, p => p.Field == "vms[1].hostName" && p.Message.Contains(problem));
    }

    [Fact]
    public void R_20_1_public_addresses_are_told_from_private_ones()
    {
        Assert.Equal(3, DeliveryRules.PublicCount(["10.1.1.1", "172.16.0.9", "192.168.1.1", "100.64.0.1", "127.0.0.1", "202.103.1.10", "240e:1::1", "fd00::1", "58.59.60.61"]));
        Assert.Equal(1, DeliveryRules.PublicCount(["172.32.0.1"])); // just outside 172.16/12
    }

    [Fact]
    public void R_21_4_an_address_has_one_spelling_and_short_or_octal_forms_are_refused()
    {
        // An IPv4 address written as IPv6 is that address, so it cannot pass as a second, different one.
        Assert.Equal(["8.8.8.8", "10.9.8.1", "240e:1::1"], DeliveryRules.ParseIps("::ffff:8.8.8.8、::FFFF:10.9.8.1, 240E:1:0::1"));
        // 010.0.0.1 would be read as 8.0.0.1, 10.1 as 10.0.0.1: refused, not silently rewritten.
        foreach (var odd in new[] { "010.0.0.1", "10.1", "0x1.0x1.0x1.0x1", "10.0.0.256", "1.2.3.4.5" }) Assert.Null(DeliveryRules.ParseIps(odd));
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", ",,,", "zhangsan", "lisi"), Good(2, "edu-db-01", "::ffff:10.1.1.11", "zhangsan")],
            Approved);
        Assert.Contains(problems, p => p.Field == "vms[0].ips" && p.Message == "第 1 台：请填写 IP 地址");
        problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan", "lisi"), Good(2, "edu-db-01", "::ffff:10.1.1.11", "zhangsan")], Approved);
        Assert.Contains(problems, p => p.Field == "vms[1].ips" && p.Message.Contains("10.1.1.11 与其他虚拟机重复"));
    }

    [Fact]
    public void R_A3_4_every_named_bastion_owner_gets_one_account()
    {
        var problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan"), Good(2, "edu-db-01", "10.1.1.12", "张三")], Approved);
        Assert.Contains(problems, p => p.Field == "vms[0].bastionAccounts" && p.Message == "第 1 台：须为 2 位堡垒机账号负责人各开设一个账号（已填 1 个）");
        Assert.Contains(problems, p => p.Field == "vms[1].bastionAccounts" && p.Message.Contains("只能由字母"));

        // An account left empty is asked for, not called malformed; the form shows the message at that account.
        problems = DeliveryRules.Validate([Good(1, "edu-web-01", "10.1.1.11", "zhangsan", ""), Good(2, "edu-db-01", "10.1.1.12", "zhangsan")], Approved);
        Assert.Contains(problems, p => p.Field == "vms[0].bastionAccounts" && p.Message == "第 1 台：请填写第 2 位负责人的堡垒机账号");
        Assert.Equal(1, DeliveryRules.FirstBadAccount(["zhangsan", ""]));
        Assert.Equal(0, DeliveryRules.FirstBadAccount(["张三", "lisi"]));
        Assert.Equal(0, DeliveryRules.FirstBadAccount(["lisi", "lisi"])); // repeated: both are the problem, shown at the first
    }
}
