namespace GovCloud.Domain.Supervision;

/// <summary>The papers of 等级保护 kept with a system: 定级报告, the public security's 备案证明, each assessment's 测评报告.</summary>
public enum MlpsDocumentKind
{
    GradingReport,
    FilingCertificate,
    AssessmentReport,
}

/// <summary>等级测评结论 .</summary>
public enum AssessmentResult
{
    Compliant,
    BasicallyCompliant,
    NonCompliant,
}

/// <summary>Where a system stands with its MLPS duties today .</summary>
public enum MlpsStanding
{
    /// <summary>未定级: no grading recorded.</summary>
    NotGraded,
    /// <summary>未备案: level 2 and up must be filed with public security.</summary>
    NotFiled,
    /// <summary>测评逾期.</summary>
    Overdue,
    /// <summary>测评临近: due within the first reminder's reach.</summary>
    DueSoon,
    /// <summary>正常.</summary>
    Current,
    /// <summary>Level 1: graded, no filing or periodic assessment required.</summary>
    NotRequired,
}

/// <summary>
/// How often each level is assessed, in months, and how many days ahead its keepers are reminded. Configuration: a county
/// may differ. Defaults as the regulators ask of Liuzhou: level 2 every two years, level 3 yearly, level 4 (and 5) every
/// six months; reminders 90 and 30 days ahead.
/// </summary>
public sealed record MlpsSchedule(IReadOnlyDictionary<int, int> MonthsByLevel, IReadOnlyList<int> ReminderDaysBefore)
{
    public static readonly MlpsSchedule Default = new(new Dictionary<int, int> { [2] = 24, [3] = 12, [4] = 6, [5] = 6 }, [90, 30]);

    /// <summary>The first reminder's reach: a system due within it is 测评临近.</summary>
    public int DueSoonDays => ReminderDaysBefore.Count == 0 ? 0 : ReminderDaysBefore.Max();
}

/// <summary>What is known of one system's grading, filing and last assessment.</summary>
public readonly record struct MlpsFacts(int? Level, DateOnly? GradedOn, string? FilingNumber, DateOnly? FiledOn, DateOnly? LastAssessedOn, bool FilingException);

/// <summary>A field of an MLPS record and what is wrong with it, in Chinese.</summary>
public sealed record MlpsProblem(string Field, string Message);

/// <summary>
/// 网络安全等级保护 of each system and the sensitive-data declaration that stays the agency's: what a
/// grading, a filing and an assessment must hold, when the next assessment is due, and what keeps a system out of formal use.
/// </summary>
public static class MlpsRules
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;
    /// <summary>From this level a system needs its filing (备案) before it goes into formal use on the cloud.</summary>
    public const int FilingRequiredForFormalUseFrom = 3;

    /// <summary>The Center protects the cloud itself at level 3 at least .</summary>
    public const int CloudMinimumLevel = 3;

    /// <summary>
    /// Why a filed system's grading cannot change so (null when it can): its filing stays (public security keeps it on record),
    /// and a lower level is a re-grading that public security files anew, so it comes with a new filing number.
    /// </summary>
    public static string? WhyNotRegrade(int filedLevel, string filedNumber, int? newLevel, string? newNumber)
    {
        if (string.IsNullOrEmpty(newNumber)) return "已备案的系统不能删去备案编号；如重新定级，请填写新的备案编号";
        if (newLevel < filedLevel && newNumber == filedNumber) return "降低安全保护等级须重新备案，请填写公安机关出具的新备案编号和备案日期";
        return null;
    }

    /// <summary>Why the cloud platform cannot be graded at <paramref name="level"/>; null when it can.</summary>
    public static string? CheckCloudLevel(int? level) =>
        level is { } l && l < CloudMinimumLevel ? $"政务云平台须按等级保护第三级及以上要求保护（管理办法第二十六条）" : null;

    /// <summary>
    /// Why a paper of <paramref name="kind"/> cannot be kept yet; null when it can: a grading report once graded, a filing
    /// certificate once filed, an assessment report with the assessment it reports.
    /// </summary>
    public static string? WhyNotDocument(MlpsDocumentKind? kind, bool graded, bool filed, bool assessmentFound) => kind switch
    {
        null => "请选择材料类别",
        MlpsDocumentKind.GradingReport when !graded => "请先登记定级，再上传定级报告",
        MlpsDocumentKind.FilingCertificate when !filed => "请先登记备案编号，再上传备案证明",
        MlpsDocumentKind.AssessmentReport when !assessmentFound => "请选择该测评报告所属的测评记录",
        MlpsDocumentKind k when !Enum.IsDefined(k) => "请选择材料类别",
        _ => null,
    };

    public static string DisplayName(this MlpsDocumentKind kind) => kind switch
    {
        MlpsDocumentKind.GradingReport => "定级报告",
        MlpsDocumentKind.FilingCertificate => "备案证明",
        MlpsDocumentKind.AssessmentReport => "测评报告",
        _ => kind.ToString(),
    };

    public static string DisplayName(this AssessmentResult result) => result switch
    {
        AssessmentResult.Compliant => "符合",
        AssessmentResult.BasicallyCompliant => "基本符合",
        AssessmentResult.NonCompliant => "不符合",
        _ => result.ToString(),
    };

    public static string DisplayName(this MlpsStanding standing) => standing switch
    {
        MlpsStanding.NotGraded => "未定级",
        MlpsStanding.NotFiled => "未备案",
        MlpsStanding.Overdue => "测评逾期",
        MlpsStanding.DueSoon => "测评临近",
        MlpsStanding.Current => "正常",
        MlpsStanding.NotRequired => "一级（无需备案测评）",
        _ => standing.ToString(),
    };

    public static string LevelName(int level) => level switch
    {
        1 => "第一级", 2 => "第二级", 3 => "第三级", 4 => "第四级", 5 => "第五级", _ => $"第{level}级",
    };

    /// <summary>定级 and 备案: level 1–5 on a day not in the future; a filing has its number and day, not before the grading.</summary>
    public static IReadOnlyList<MlpsProblem> ValidateGrading(int? level, DateOnly? gradedOn, string? filingNumber, DateOnly? filedOn, DateOnly today)
    {
        var problems = new List<MlpsProblem>();
        if (level is null) problems.Add(new("level", "请选择安全保护等级"));
        else if (level < MinLevel || level > MaxLevel) problems.Add(new("level", $"安全保护等级须为第{MinLevel}级至第{MaxLevel}级"));
        if (gradedOn is null) problems.Add(new("gradedOn", "请填写定级日期"));
        else if (gradedOn > today) problems.Add(new("gradedOn", "定级日期不能晚于今天"));
        var number = TextRules.OneLine(filingNumber);
        if (string.IsNullOrEmpty(number) != (filedOn is null))
            problems.Add(string.IsNullOrEmpty(number) ? new("filingNumber", "已填写备案日期，请填写公安机关出具的备案编号") : new("filedOn", "已填写备案编号，请填写备案日期"));
        if (number is { Length: > 64 }) problems.Add(new("filingNumber", "备案编号不超过 64 个字符"));
        if (filedOn is { } f)
        {
            if (f > today) problems.Add(new("filedOn", "备案日期不能晚于今天"));
            else if (gradedOn is { } g && f < g) problems.Add(new("filedOn", "备案日期不能早于定级日期"));
        }
        if (level == 1 && number is { Length: > 0 }) problems.Add(new("filingNumber", "第一级系统无需备案；如已备案请核对等级"));
        return problems;
    }

    /// <summary>等级测评: on a day not in the future and not before the grading, by a named assessor, with its result; a score 0–100.</summary>
    public static IReadOnlyList<MlpsProblem> ValidateAssessment(DateOnly? assessedOn, string? assessor, AssessmentResult? result, decimal? score,
        DateOnly? gradedOn, DateOnly today)
    {
        var problems = new List<MlpsProblem>();
        if (gradedOn is null) problems.Add(new("assessedOn", "请先登记定级，再登记测评"));
        if (assessedOn is null) problems.Add(new("assessedOn", "请填写测评日期"));
        else if (assessedOn > today) problems.Add(new("assessedOn", "测评日期不能晚于今天"));
        else if (gradedOn is { } g && assessedOn < g) problems.Add(new("assessedOn", "测评日期不能早于定级日期"));
        if (TextRules.IsBlank(assessor)) problems.Add(new("assessor", "请填写测评机构"));
        else if (TextRules.OneLine(assessor).Length > 100) problems.Add(new("assessor", "测评机构不超过 100 个字符"));
        if (result is null) problems.Add(new("result", "请选择测评结论"));
        if (score is < 0 or > 100) problems.Add(new("score", "测评得分须在 0 至 100 之间"));
        return problems;
    }

    /// <summary>
    /// a system holding personal information, commercial secrets or important data names where its data is stored,
    /// declares that it does not leave the country, and names the agency's person responsible; the responsibility stays
    /// with the agency on the cloud.
    /// </summary>
    public static IReadOnlyList<MlpsProblem> ValidateDeclaration(bool personalInformation, bool commercialSecrets, bool importantData,
        string? dataStorage, bool dataStaysInCountry, string? responsiblePerson)
    {
        var problems = new List<MlpsProblem>();
        if (dataStorage is { Length: > 200 }) problems.Add(new("dataStorage", "数据存储位置不超过 200 个字符"));
        if (responsiblePerson is { Length: > 50 }) problems.Add(new("responsiblePerson", "安全责任人不超过 50 个字符"));
        if (!(personalInformation || commercialSecrets || importantData)) return problems;
        if (TextRules.IsBlank(dataStorage)) problems.Add(new("dataStorage", "含敏感数据的系统须填写数据存储位置"));
        if (!dataStaysInCountry) problems.Add(new("dataStaysInCountry", "含敏感数据的系统须确认敏感数据不出境"));
        if (TextRules.IsBlank(responsiblePerson)) problems.Add(new("responsiblePerson", "含敏感数据的系统须填写本单位安全责任人"));
        return problems;
    }

    /// <summary>
    /// The day the next assessment is due: a set number of months after the last assessment or, before the first, after the
    /// filing (or the grading when not filed). Null for level 1 and for a system not graded.
    /// </summary>
    public static DateOnly? NextAssessmentDue(MlpsFacts facts, MlpsSchedule schedule)
    {
        if (facts.Level is not { } level || !schedule.MonthsByLevel.TryGetValue(level, out var months)) return null;
        var from = facts.LastAssessedOn ?? facts.FiledOn ?? facts.GradedOn;
        return from?.AddMonths(months);
    }

    public static MlpsStanding Standing(MlpsFacts facts, DateOnly today, MlpsSchedule schedule)
    {
        if (facts.Level is null || facts.GradedOn is null) return MlpsStanding.NotGraded;
        if (facts.Level < 2) return MlpsStanding.NotRequired;
        if (string.IsNullOrEmpty(facts.FilingNumber)) return MlpsStanding.NotFiled;
        if (NextAssessmentDue(facts, schedule) is not { } due) return MlpsStanding.Current;
        if (due < today) return MlpsStanding.Overdue;
        return due.DayNumber - today.DayNumber <= schedule.DueSoonDays ? MlpsStanding.DueSoon : MlpsStanding.Current;
    }

    /// <summary>
    /// The reminder owed today for an assessment due on <paramref name="due"/>: the nearest of the reminder days it has come
    /// within (90, then 30), or null when none; an overdue assessment is the overdue notice's, not a reminder's.
    /// </summary>
    public static int? ReminderOwed(DateOnly due, DateOnly today, MlpsSchedule schedule)
    {
        var left = due.DayNumber - today.DayNumber;
        if (left < 0) return null;
        var within = schedule.ReminderDaysBefore.Where(d => left <= d).ToList();
        return within.Count == 0 ? null : within.Min();
    }

    /// <summary>
    /// What keeps a system out of formal use on the cloud for its MLPS duties, in Chinese; null when nothing does. A level-3
    /// or higher system goes live only once filed with public security, unless the Bureau recorded an exception.
    /// </summary>
    public static string? BlockerOfFormalUse(MlpsFacts facts)
    {
        if (facts.Level is not { } level || level < FilingRequiredForFormalUseFrom || facts.FilingException) return null;
        return string.IsNullOrEmpty(facts.FilingNumber)
            ? $"等保{LevelName(level)}系统须先完成公安机关备案（在“等级保护”中登记备案编号），或由大数据局登记例外"
            : null;
    }
}
