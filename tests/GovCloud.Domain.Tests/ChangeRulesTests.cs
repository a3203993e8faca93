using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

// change and termination: the request as a difference against what the system holds, and who moves it along.
public class ChangeRulesTests
{
    private static readonly VmLimits Limits = new();
    private static readonly HeldVm Web = new(Guid.NewGuid(), "edu-web-01", "公共网络区", new VmSize(4, 8, 100, 200), VmState.Active);
    private static readonly HeldVm Db = new(Guid.NewGuid(), "edu-db-01", "公共网络区", new VmSize(8, 32, 100, 1000), VmState.Active);

    private static VmRequest NewVm() => new(0, "公共网络区", "某公司", "智慧校园平台", "门户", ServerType.APP,
        [new BastionOwner("张三", "zs@example.com", "13800000001")], 4, 8, 100, 0, "麒麟 V10", false, null, null);

    [Fact]
    public void R_21_6_a_resize_an_addition_and_a_removal_pass()
    {
        var problems = ChangeRules.Validate([
            new ChangeLineRequest(ChangeLineAction.Resize, Web.Id, new VmSize(8, 16, 100, 500), null),
            new ChangeLineRequest(ChangeLineAction.Add, null, null, NewVm()),
        ], [Web, Db], Limits, "智慧校园平台");
        Assert.Empty(problems);
    }

    [Fact]
    public void R_21_6_a_resize_alone_or_a_removal_alone_passes()
    {
        Assert.Empty(ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Resize, Web.Id, new VmSize(8, 8, 100, 200), null)], [Web, Db], Limits, "x"));
        Assert.Empty(ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Remove, Db.Id, null, null)], [Web, Db], Limits, "x"));
    }

    [Fact]
    public void R_21_6_disks_are_extended_never_shrunk_and_a_resize_must_change_something()
    {
        var shrink = ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Resize, Web.Id, new VmSize(4, 8, 100, 100), null)], [Web, Db], Limits, "x");
        Assert.Contains(shrink, p => p.Field == "lines[0].to.dataDiskGb" && p.Message.Contains("只能扩容"));
        var same = ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Resize, Web.Id, Web.Size, null)], [Web, Db], Limits, "x");
        Assert.Contains(same, p => p.Message == "edu-web-01 调整后的配置与现在相同");
    }

    [Fact]
    public void R_21_6_only_VMs_of_the_system_in_formal_use_can_change_each_once()
    {
        var changing = Web with { State = VmState.Changing };
        var problems = ChangeRules.Validate([
            new ChangeLineRequest(ChangeLineAction.Remove, Guid.NewGuid(), null, null),
            new ChangeLineRequest(ChangeLineAction.Resize, Db.Id, new VmSize(16, 32, 100, 1000), null),
            new ChangeLineRequest(ChangeLineAction.Remove, Db.Id, null, null),
            new ChangeLineRequest(ChangeLineAction.Remove, changing.Id, null, null),
        ], [changing, Db], Limits, "x");
        Assert.Contains(problems, p => p.Field == "lines[0].vmId" && p.Message == "请选择本系统正在使用的虚拟机");
        Assert.Contains(problems, p => p.Field == "lines[2].vmId" && p.Message.Contains("只能出现在一项变更中"));
        Assert.Contains(problems, p => p.Field == "lines[3].vmId" && p.Message.Contains("当前为“变更中”"));
    }

    [Fact]
    public void R_21_7_removing_every_VM_is_a_termination_not_a_change()
    {
        var problems = ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Remove, Web.Id, null, null), new ChangeLineRequest(ChangeLineAction.Remove, Db.Id, null, null)],
            [Web, Db], Limits, "x");
        Assert.Contains(problems, p => p.Message == "删除全部虚拟机请提交终止申请");
    }

    [Fact]
    public void R_21_6_a_new_VM_follows_the_Annex_3_rules_reported_by_its_line()
    {
        var problems = ChangeRules.Validate([new ChangeLineRequest(ChangeLineAction.Add, null, null, NewVm() with { Vcpu = null })], [Web], Limits, "智慧校园平台");
        Assert.Contains(problems, p => p.Field == "lines[0].newVm.vcpu");
    }

    [Fact]
    public void R_20_1_a_change_takes_only_its_increases_from_the_pool()
    {
        var increase = ChangeRules.Increase([
            ("公共网络区", new VmSize(4, 8, 100, 200), new VmSize(8, 4, 100, 500)), // +4 vCPU, −4 GB (not given back yet), +300 GB
            ("公共网络区", null, new VmSize(2, 4, 50, 0)),                          // a new VM
            ("公共网络区", new VmSize(8, 32, 100, 1000), null),                     // a removal frees nothing until carried out
        ]);
        Assert.Equal(new Resources(6, 4, 350), increase["公共网络区"]);
    }

    [Fact]
    public void R_20_1_a_change_that_only_removes_or_touches_services_asks_nothing_of_the_pool()
    {
        // (A service line has no zone and no size; a removal gives back only when carried out.)
        Assert.Empty(ChangeRules.Increase([("公共网络区", new VmSize(8, 32, 100, 1000), null), ("", null, null)]));
    }

    [Fact]
    public void R_21_7_a_termination_needs_the_system_offline_its_data_secured_and_evidence()
    {
        Assert.Empty(ChangeRules.ValidateTermination(true, true, 1));
        var problems = ChangeRules.ValidateTermination(null, false, 0);
        Assert.Equal(["systemOffline", "dataSecured", "evidence"], problems.Select(p => p.Field));
    }

    [Fact]
    public void R_26_2_a_termination_closes_only_with_both_the_handover_and_the_wipe_and_their_certificate()
    {
        // Art. 26: 要做好数据资源的移交和清除工作 — both, not either.
        var today = new DateOnly(2026, 11, 25);
        var full = new DisposalRecord("市档案馆", "业务数据 2019—2026 年", today.AddDays(-2), "多次覆写", today, "刘运、黄老师");
        Assert.Empty(ChangeRules.ValidateDisposal(full, true, today, mlpsLevel: 2, handoverFromLevel: 3));
        var handoverAlone = full with { WipeMethod = null, WipedOn = null };
        Assert.Equal(["disposal.wipeMethod", "disposal.wipedOn"], ChangeRules.ValidateDisposal(handoverAlone, true, today, 2, 3).Select(p => p.Field));
        var problems = ChangeRules.ValidateDisposal(new DisposalRecord(" ", null, today.AddDays(1), null, null, " "), false, today, null, 3);
        Assert.Equal(["disposal.handedOverTo", "disposal.handoverContent", "disposal.handedOverOn", "disposal.wipeMethod", "disposal.wipedOn", "disposal.people",
            "disposal.certificate"], problems.Select(p => p.Field));
        Assert.Equal("移交 市档案馆（业务数据 2019—2026 年）2026-11-23；清除 多次覆写 2026-11-25", full.Summary);
    }

    [Fact]
    public void R_21_6_the_Center_evaluates_the_Bureau_approves_and_the_Center_carries_out()
    {
        var center = new HashSet<Role> { Role.CenterEvaluator, Role.CenterOperator };
        var bureau = new HashSet<Role> { Role.BureauApprover };
        Assert.Null(ChangeFlow.Check(ChangeAction.Evaluate, ChangeKind.Change, ChangeState.Submitted, center));
        Assert.Null(ChangeFlow.Check(ChangeAction.Approve, ChangeKind.Change, ChangeState.Evaluated, bureau));
        Assert.Null(ChangeFlow.Check(ChangeAction.Complete, ChangeKind.Termination, ChangeState.Approved, center));
        Assert.Equal(RefusalKind.Role, ChangeFlow.Check(ChangeAction.Approve, ChangeKind.Change, ChangeState.Evaluated, center)!.Kind);
        var early = ChangeFlow.Check(ChangeAction.Complete, ChangeKind.Termination, ChangeState.Evaluated, center)!;
        Assert.Equal("终止申请当前为“待审批”，不能回收资源", early.Message);
    }
}

// elastic scaling inside the approved envelope needs no approval; outside it is a change.
public class ElasticRulesTests
{
    private static readonly ElasticEnvelope Envelope = new(2, 16, 4, 64);

    [Theory]
    [InlineData(2, 4, null)]
    [InlineData(16, 64, null)]
    [InlineData(17, 64, "超出批准的弹性范围（vCPU 2–16 核、内存 4–64 GB），请提交变更申请")]
    [InlineData(8, 2, "超出批准的弹性范围")]
    public void R_21_5_a_VM_scales_by_itself_only_inside_the_envelope(int vcpu, int memory, string? refusal)
    {
        var result = ElasticRules.Check(Envelope, vcpu, memory);
        if (refusal is null) Assert.Null(result);
        else Assert.Contains(refusal, result);
    }

    [Fact]
    public void R_21_5_a_system_not_approved_as_elastic_cannot_scale_by_itself() =>
        Assert.Equal("该系统未经批准弹性调整，调整配置请提交变更申请", ElasticRules.Check(null, 4, 8));

    [Fact]
    public void R_21_5_an_envelope_stays_within_the_per_VM_limits()
    {
        var limits = new VmLimits();
        Assert.Empty(ElasticRules.Validate(Envelope, limits));
        Assert.Equal(["elastic.vcpu", "elastic.memoryGb"], ElasticRules.Validate(new ElasticEnvelope(8, 4, 1, 1024), limits).Select(p => p.Field));
    }
}

// the platform's inventory against GovCloud's.
public class ReconciliationRulesTests
{
    private static KnownVm Known(string host, string ip, int vcpu = 4) => new(Guid.NewGuid(), host, [ip], vcpu, 8, 300, "公共网络区", "市教育局", "智慧校园平台");

    [Fact]
    public void R_21_5_lists_unregistered_missing_and_drifted_VMs()
    {
        var web = Known("edu-web-01", "10.1.1.11");
        var db = Known("edu-db-01", "10.1.1.12");
        var gone = Known("edu-old-01", "10.1.1.13");
        var result = ReconciliationRules.Compare([
            new PlatformVm(2, "EDU-WEB-01", ["10.1.1.11"], 4, 8, 300, "公共网络区"),      // the same, name case aside
            new PlatformVm(3, "db-renamed", ["10.1.1.12"], 8, 8, null, null),              // found by address; renamed and grown
            new PlatformVm(4, "shadow-vm", ["10.9.9.9"], 2, 4, 50, "互联网区"),            // nobody registered it
        ], [web, db, gone]);
        Assert.Equal(2, result.Matched);
        Assert.Equal("shadow-vm", Assert.Single(result.Unregistered).Name);
        Assert.Equal(gone.Id, Assert.Single(result.Missing).Id);
        var drift = Assert.Single(result.Drifts);
        Assert.Equal(db.Id, drift.Known.Id);
        Assert.Equal(["名称：台账 edu-db-01，平台 db-renamed", "vCPU：台账 4 核，平台 8 核"], drift.Differences);
    }
}

// catalogue services are taken on and given up by a change too.
public class ServiceChangeRulesTests
{
    private static readonly HeldVm Web = new(Guid.NewGuid(), "edu-web-01", "公共网络区", new VmSize(4, 8, 100, 200), VmState.Active);
    private static readonly HeldService Backup = new(Guid.NewGuid(), "backup", "数据备份与灾备", 500, VmState.Active);

    [Fact]
    public void R_21_6_a_service_from_the_catalogue_is_added_and_one_held_is_removed()
    {
        var problems = ChangeRules.Validate([
            new ChangeLineRequest(ChangeLineAction.AddService, null, null, null, "load-balancer", 1),
            new ChangeLineRequest(ChangeLineAction.RemoveService, null, null, null, "backup"),
        ], [Web], new VmLimits(), "x", null, ["load-balancer", "backup"], [Backup]);
        Assert.Empty(problems);
    }

    [Fact]
    public void R_21_6_unknown_services_missing_quantities_and_services_not_held_are_named()
    {
        var problems = ChangeRules.Validate([
            new ChangeLineRequest(ChangeLineAction.AddService, null, null, null, "vm", 1),
            new ChangeLineRequest(ChangeLineAction.AddService, null, null, null, "load-balancer", 0),
            new ChangeLineRequest(ChangeLineAction.RemoveService, null, null, null, "database"),
        ], [Web], new VmLimits(), "x", null, ["load-balancer", "backup", "database"], [Backup]);
        Assert.Contains(problems, p => p.Field == "lines[0].itemCode" && p.Message.Contains("不在服务目录中"));
        Assert.Contains(problems, p => p.Field == "lines[1].quantity");
        Assert.Contains(problems, p => p.Field == "lines[2].itemCode" && p.Message == "本系统没有正在使用的该项服务");
    }
}
