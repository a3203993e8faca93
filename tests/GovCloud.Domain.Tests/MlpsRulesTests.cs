using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Tests;

// each system is graded, filed with public security and assessed to its level: sensitive data stays in the
// country and its security stays the agency's.
public class MlpsRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly MlpsSchedule Schedule = MlpsSchedule.Default;

    [Fact]
    public void R_27_1_a_grading_has_a_level_of_one_to_five_and_a_day_not_in_the_future()
    {
        Assert.Empty(MlpsRules.ValidateGrading(3, Today, "45020099001-00001", Today, Today));
        Assert.Empty(MlpsRules.ValidateGrading(2, new DateOnly(2025, 5, 1), null, null, Today));
        Assert.Equal(["level", "gradedOn"], MlpsRules.ValidateGrading(null, null, null, null, Today).Select(p => p.Field));
        Assert.Equal("安全保护等级须为第1级至第5级", MlpsRules.ValidateGrading(6, Today, null, null, Today).Single().Message);
        Assert.Equal("定级日期不能晚于今天", MlpsRules.ValidateGrading(3, Today.AddDays(1), null, null, Today).Single().Message);
    }

    [Fact]
    public void R_27_1_a_filing_has_both_its_number_and_its_day_not_before_the_grading()
    {
        Assert.Equal("已填写备案日期，请填写公安机关出具的备案编号", MlpsRules.ValidateGrading(3, Today, " ", Today, Today).Single().Message);
        Assert.Equal("filedOn", MlpsRules.ValidateGrading(3, Today, "45020099001-00001", null, Today).Single().Field);
        Assert.Equal("备案日期不能早于定级日期", MlpsRules.ValidateGrading(3, Today, "45020099001-00001", Today.AddDays(-1), Today).Single().Message);
        Assert.Equal("备案日期不能晚于今天", MlpsRules.ValidateGrading(3, Today, "45020099001-00001", Today.AddDays(1), Today).Single().Message);
        Assert.Equal("filingNumber", MlpsRules.ValidateGrading(1, Today, "45020099001-00001", Today, Today).Single().Field);
    }

    [Fact]
    public void R_27_1_an_assessment_names_its_assessor_and_result_after_the_grading()
    {
        var graded = new DateOnly(2026, 1, 10);
        Assert.Empty(MlpsRules.ValidateAssessment(Today, "广西网络安全测评中心", AssessmentResult.BasicallyCompliant, 82.5m, graded, Today));
        Assert.Equal(["assessedOn", "assessedOn", "assessor", "result"],
            MlpsRules.ValidateAssessment(null, "  ", null, null, null, Today).Select(p => p.Field));
        Assert.Equal("测评日期不能早于定级日期", MlpsRules.ValidateAssessment(graded.AddDays(-1), "某机构", AssessmentResult.Compliant, null, graded, Today).Single().Message);
        Assert.Equal("测评得分须在 0 至 100 之间", MlpsRules.ValidateAssessment(Today, "某机构", AssessmentResult.Compliant, 101, graded, Today).Single().Message);
    }

    [Fact]
    public void R_24_1_sensitive_data_names_its_storage_stays_in_the_country_and_has_the_agencys_responsible_person()
    {
        Assert.Empty(MlpsRules.ValidateDeclaration(false, false, false, null, false, null));
        Assert.Empty(MlpsRules.ValidateDeclaration(true, false, false, "政务云公共网络区", true, "张三"));
        Assert.Equal(["dataStorage", "dataStaysInCountry", "responsiblePerson"],
            MlpsRules.ValidateDeclaration(false, false, true, "", false, "\u200b").Select(p => p.Field));
    }

    [Theory]
    // Level 3 yearly, from the last assessment; before the first, from the filing; level 2 every two years; level 4 every six months.
    [InlineData(3, "2026-01-10", "2026-02-01", "2026-06-30", "2027-06-30")]
    [InlineData(3, "2026-01-10", "2026-02-01", null, "2027-02-01")]
    [InlineData(2, "2026-01-10", "2026-02-01", "2026-03-01", "2028-03-01")]
    [InlineData(4, "2026-01-10", "2026-02-01", "2026-03-01", "2026-09-01")]
    [InlineData(1, "2026-01-10", null, null, null)]
    public void R_27_1_the_next_assessment_is_due_by_level(int level, string graded, string? filed, string? assessed, string? due) =>
        Assert.Equal(due is null ? null : DateOnly.Parse(due),
            MlpsRules.NextAssessmentDue(new MlpsFacts(level, DateOnly.Parse(graded), filed is null ? null : "备案号", filed is null ? null : DateOnly.Parse(filed),
                assessed is null ? null : DateOnly.Parse(assessed), false), Schedule));

    [Fact]
    public void R_27_1_a_system_stands_as_not_graded_not_filed_overdue_due_soon_or_current()
    {
        MlpsFacts Facts(int? level, string? number, DateOnly? assessed) => new(level, new DateOnly(2025, 1, 1), number, number is null ? null : new DateOnly(2025, 1, 2), assessed, false);
        Assert.Equal(MlpsStanding.NotGraded, MlpsRules.Standing(new MlpsFacts(null, null, null, null, null, false), Today, Schedule));
        Assert.Equal(MlpsStanding.NotRequired, MlpsRules.Standing(Facts(1, null, null), Today, Schedule));
        Assert.Equal(MlpsStanding.NotFiled, MlpsRules.Standing(Facts(3, null, null), Today, Schedule));
        // Filed 2025-01-02 and never assessed: due 2026-01-02, eleven months ago.
        Assert.Equal(MlpsStanding.Overdue, MlpsRules.Standing(Facts(3, "备案号", null), Today, Schedule));
        // Assessed 2026-01-15: due 2027-01-15, 44 days ahead (within the 90-day reminder).
        Assert.Equal(MlpsStanding.DueSoon, MlpsRules.Standing(Facts(3, "备案号", new DateOnly(2026, 1, 15)), Today, Schedule));
        Assert.Equal(MlpsStanding.Current, MlpsRules.Standing(Facts(3, "备案号", new DateOnly(2026, 6, 1)), Today, Schedule));
    }

    [Theory]
    [InlineData(120, null)]
    [InlineData(90, 90)]
    [InlineData(45, 90)]
    [InlineData(30, 30)]
    [InlineData(0, 30)]
    [InlineData(-1, null)]
    public void R_27_1_keepers_are_reminded_90_and_30_days_ahead(int daysLeft, int? reminder) =>
        Assert.Equal(reminder, MlpsRules.ReminderOwed(Today.AddDays(daysLeft), Today, Schedule));

    [Fact]
    public void R_27_1_a_level_3_system_goes_live_only_when_filed_or_excepted_by_the_bureau()
    {
        var unfiled = new MlpsFacts(3, Today, null, null, null, false);
        Assert.Equal("等保第三级系统须先完成公安机关备案（在“等级保护”中登记备案编号），或由大数据局登记例外", MlpsRules.BlockerOfFormalUse(unfiled));
        Assert.Null(MlpsRules.BlockerOfFormalUse(unfiled with { FilingNumber = "45020099001-00001", FiledOn = Today }));
        Assert.Null(MlpsRules.BlockerOfFormalUse(unfiled with { FilingException = true }));
        Assert.Null(MlpsRules.BlockerOfFormalUse(unfiled with { Level = 2 }));
        Assert.Null(MlpsRules.BlockerOfFormalUse(new MlpsFacts(null, null, null, null, null, false)));
    }

    [Theory]
    [InlineData(2, "政务云平台须按等级保护第三级及以上要求保护（管理办法第二十六条）")]
    [InlineData(3, null)]
    [InlineData(4, null)]
    public void R_26_1_the_cloud_platform_is_graded_level_3_at_least(int level, string? problem) =>
        Assert.Equal(problem, MlpsRules.CheckCloudLevel(level));

    [Fact]
    public void R_27_1_a_paper_is_kept_once_what_it_proves_is_recorded()
    {
        Assert.Equal("请先登记定级，再上传定级报告", MlpsRules.WhyNotDocument(MlpsDocumentKind.GradingReport, graded: false, filed: false, assessmentFound: false));
        Assert.Null(MlpsRules.WhyNotDocument(MlpsDocumentKind.GradingReport, graded: true, filed: false, assessmentFound: false));
        Assert.Equal("请先登记备案编号，再上传备案证明", MlpsRules.WhyNotDocument(MlpsDocumentKind.FilingCertificate, graded: true, filed: false, assessmentFound: false));
        Assert.Equal("请选择该测评报告所属的测评记录", MlpsRules.WhyNotDocument(MlpsDocumentKind.AssessmentReport, graded: true, filed: true, assessmentFound: false));
        Assert.Null(MlpsRules.WhyNotDocument(MlpsDocumentKind.AssessmentReport, graded: true, filed: true, assessmentFound: true));
        Assert.Equal("请选择材料类别", MlpsRules.WhyNotDocument(null, graded: true, filed: true, assessmentFound: true));
        Assert.Equal("请选择材料类别", MlpsRules.WhyNotDocument((MlpsDocumentKind)9, graded: true, filed: true, assessmentFound: true));
    }

    [Fact]
    public void R_27_1_a_filed_system_keeps_its_filing_and_is_graded_lower_only_with_a_new_one()
    {
        Assert.Equal("已备案的系统不能删去备案编号；如重新定级，请填写新的备案编号", MlpsRules.WhyNotRegrade(2, "45020099001-00012", 1, null));
        Assert.Equal("降低安全保护等级须重新备案，请填写公安机关出具的新备案编号和备案日期", MlpsRules.WhyNotRegrade(3, "45020099001-00012", 2, "45020099001-00012"));
        Assert.Null(MlpsRules.WhyNotRegrade(3, "45020099001-00012", 2, "45020099001-00099"));
        Assert.Null(MlpsRules.WhyNotRegrade(2, "45020099001-00012", 3, "45020099001-00012"));
    }
}
