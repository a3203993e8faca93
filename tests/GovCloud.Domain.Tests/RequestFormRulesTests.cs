using GovCloud.Domain.Applications;

namespace GovCloud.Domain.Tests;

// Annex 3 (云资源使用需求表): what people type into the form, and the rules of each VM row.
public class RequestFormRulesTests
{
    private static readonly VmLimits Limits = new();

    private static VmRequest Row(int no = 1, bool clustered = false, string? group = null, int? vcpu = 4) => new(
        no, "公共网络区", "广西某软件公司", "智慧校园平台", "门户", ServerType.WEB,
        [new BastionOwner("张三", "zhangsan@example.com", "13800000000")], vcpu, 8, 100, 500, "麒麟 V10", clustered, group, null);

    [Theory]
    [InlineData("8", 8)]
    [InlineData("8G", 8)]
    [InlineData("8 GB", 8)]
    [InlineData("８ＧＢ", 8)]          // full-width
    [InlineData("\u30008g\u3000", 8)] // full-width spaces around
    [InlineData("8.0", 8)]           // a number cell Excel stored as a double
    public void R_A3_6_memory_is_read_as_people_type_it(string text, int expected) =>
        Assert.Equal(expected, FormText.Integer(text, "GB", "G"));

    [Theory]
    [InlineData("4核", 4)]
    [InlineData("4 C", 4)]
    [InlineData("16", 16)]
    public void R_A3_6_vcpus_allow_a_unit(string text, int expected) => Assert.Equal(expected, FormText.Integer(text, "核", "C"));

    [Theory]
    [InlineData("八")]
    [InlineData("-4")]
    [InlineData("4.5")]
    [InlineData("")]
    public void Not_a_whole_number_is_null(string text) => Assert.Null(FormText.Integer(text, "核"));

    [Theory]
    [InlineData("是", true)]
    [InlineData("Y", true)]
    [InlineData("yes", true)]
    [InlineData("否", false)]
    [InlineData(" n ", false)]
    [InlineData("也许", null)]
    [InlineData("√", true)]
    [InlineData("×", false)]
    [InlineData("Ｙ", true)]
    public void Yes_and_no_in_every_spelling(string text, bool? expected) => Assert.Equal(expected, FormText.YesNo(text));

    [Fact]
    public void R_A3_4_several_owners_split_by_any_separator_pair_one_to_one_in_order()
    {
        var (owners, problem) = VmRules.PairOwners("张三、李四；王五", "a@x.cn, b@x.cn\nc@x.cn", "13800000001/13800000002，13800000003");
        Assert.Null(problem);
        Assert.Equal(["张三", "李四", "王五"], owners.Select(o => o.Name));
        Assert.Equal("b@x.cn", owners[1].Email);
        Assert.Equal("13800000003", owners[2].Mobile);
    }

    [Fact]
    public void R_A3_4_owner_lists_of_different_lengths_are_refused_with_the_counts()
    {
        var (owners, problem) = VmRules.PairOwners("张三、李四", "a@x.cn", "13800000001、13800000002");
        Assert.Empty(owners);
        Assert.Equal("堡垒机账号负责人、邮箱、手机号码须一一对应：现有 2 个姓名、1 个邮箱、2 个手机号码", problem);
    }

    [Theory]
    [InlineData("APP", ServerType.APP)]
    [InlineData(" web ", ServerType.WEB)]
    [InlineData("DAT（数据库）", ServerType.DAT)]
    [InlineData("中间件", ServerType.MID)]
    public void R_A3_5_server_types_by_code_or_meaning(string text, ServerType expected) => Assert.Equal(expected, ServerTypes.Parse(text));

    [Fact]
    public void R_A3_5_an_unknown_server_type_is_null() => Assert.Null(ServerTypes.Parse("XYZ"));

    [Fact]
    public void A_complete_row_passes() => Assert.Empty(VmRules.Validate([Row()], Limits));

    [Fact]
    public void R_A3_2_every_required_field_is_named_when_missing()
    {
        var empty = new VmRequest(3, null, " ", null, null, null, [], null, null, null, null, null, null, null, null);
        var fields = VmRules.Validate([empty], Limits).Where(p => p.Row == 3).Select(p => p.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "zone", "vendor", "systemName", "serverType", "owners", "vcpu", "memoryGb", "systemDiskGb", "operatingSystem", "clustered" }, fields);
    }

    [Fact]
    public void Limits_are_configuration()
    {
        Assert.Contains(VmRules.Validate([Row(vcpu: 128)], Limits), p => p.Field == "vcpu" && p.Message == "vCPU 核数须在 1 至 64 核之间");
        Assert.Empty(VmRules.Validate([Row(vcpu: 128)], Limits with { MaxVcpu = 128 }));
        Assert.Contains(VmRules.Validate([Row() with { Zone = "涉密区" }], Limits), p => p.Field == "zone" && p.Message.Contains("公共网络区、互联网区"));
    }

    [Fact]
    public void A_clustered_vm_needs_a_group_and_a_group_needs_two_vms()
    {
        Assert.Contains(VmRules.Validate([Row(clustered: true)], Limits), p => p.Field == "clusterGroup" && p.Message == "集群部署的虚拟机须填写集群组号");
        Assert.Contains(VmRules.Validate([Row(1, true, "G1"), Row(2)], Limits), p => p.Message.Contains("集群组“G1”只有 1 台"));
        Assert.Empty(VmRules.Validate([Row(1, true, "G1"), Row(2, true, "G1")], Limits));
    }

    [Fact]
    public void Owner_contacts_are_checked()
    {
        var row = Row() with { Owners = [new BastionOwner("张三", "not-mail", "12345")] };
        var problems = VmRules.Validate([row], Limits);
        Assert.Contains(problems, p => p.Field == "ownerEmails");
        Assert.Contains(problems, p => p.Field == "ownerMobiles" && p.Message.Contains("11 位"));
    }

    [Fact]
    public void Duplicate_numbers_and_an_empty_form_are_refused()
    {
        Assert.Contains(VmRules.Validate([Row(1), Row(1)], Limits), p => p.Message == "序号 1 重复");
        Assert.Contains(VmRules.Validate([], Limits), p => p.Message == "至少填写一台虚拟机");
    }

    [Fact]
    public void Every_server_type_has_a_chinese_meaning() =>
        Assert.All(Enum.GetValues<ServerType>(), t => Assert.DoesNotContain(t.ToString(), t.DisplayName()));

    [Theory]
    [InlineData("\u200B智慧\u202E校园\u0000", "智慧校园")]
    [InlineData("  政务\u3000外网\t门户 ", "政务 外网 门户")]
    [InlineData("（一期）", "（一期）")]
    public void R_A3_6_free_text_loses_invisible_characters_and_keeps_what_was_written(string typed, string kept) => Assert.Equal(kept, FormText.Clean(typed));

    [Theory]
    [InlineData("无")]
    [InlineData("/")]
    [InlineData("—")]
    [InlineData("N/A")]
    [InlineData(" ")]
    public void R_A3_6_the_marks_offices_use_for_an_empty_optional_cell(string text) => Assert.True(FormText.IsNothing(text));
}
