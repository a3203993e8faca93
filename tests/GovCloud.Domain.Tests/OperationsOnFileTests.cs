using GovCloud.Domain.Operations;

namespace GovCloud.Domain.Tests;

// logs kept at least 6 months, operations rules and emergency plans on file, drills held.
public class OperationsOnFileTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly OperationsPolicy Policy = new();

    [Fact]
    public void R_23_1_nothing_on_file_is_four_things_to_do()
    {
        Assert.Equal(["未登记运行和操作日志的保存位置与保存期限", "未上传运维管理制度", "未上传应急处置预案", "未登记应急演练"],
            OperationsOnFile.Problems(null, null, null, null, null, Today, Policy));
        Assert.Empty(OperationsOnFile.Problems("日志审计平台", 6, Today.AddYears(-2), Today.AddMonths(-11), Today.AddMonths(-6), Today, Policy));
    }

    [Fact]
    public void R_23_1_short_retention_and_old_papers_are_listed_with_their_dates()
    {
        var problems = OperationsOnFile.Problems("日志审计平台", 5, new DateOnly(2023, 12, 2), new DateOnly(2025, 12, 2), new DateOnly(2025, 12, 2), Today, Policy);
        Assert.Equal(["日志保存期限 5 个月，少于 6 个月", "运维管理制度印发于 2023-12-02，已超过 36 个月未修订", "应急处置预案印发于 2025-12-02，已超过 12 个月未修订",
            "最近一次应急演练在 2025-12-02，已超过 12 个月"], problems);
        // On the day the age is reached it is not yet stale; a county may allow longer.
        Assert.Empty(OperationsOnFile.Problems("日志审计平台", 6, new DateOnly(2023, 12, 3), new DateOnly(2025, 12, 3), new DateOnly(2025, 12, 3), Today, Policy));
        Assert.Equal(["未上传应急处置预案", "未登记应急演练"],
            OperationsOnFile.Problems("日志审计平台", 3, new DateOnly(2020, 1, 1), null, null, Today, new OperationsPolicy(3, 120, 0, 0)));
    }

    [Fact]
    public void R_23_1_a_drill_and_the_log_facts_are_checked_as_typed()
    {
        Assert.Equal(["heldOn", "scenario", "result"], OperationsOnFile.ValidateDrill(Today.AddDays(1), " ", null, Today).Select(p => p.Field));
        Assert.Empty(OperationsOnFile.ValidateDrill(Today, "主节点宕机切换", "通过", Today));
        Assert.Equal(["logLocation", "logRetentionMonths"], OperationsOnFile.ValidateLogs("", 601).Select(p => p.Field));
    }
}
