using GovCloud.Domain.Security;

namespace GovCloud.Domain.Applications;

/// <summary>
/// The states of a 云资源使用申请 (Annex 2): 草稿 → 已提交 → 已评估 → 已批准 / 已驳回, or 退回修改 and back;
/// a county department's application waits for its county government first (待县区审核, Art. 5).
/// </summary>
public enum ApplicationState
{
    Draft,
    Submitted,
    Evaluated,
    Approved,
    Rejected,
    Returned,
    AwaitingCounty,
}

/// <summary>
/// How an application reaches the city (Art. 5: 县区部门由各县区政府统一向市政务云申请资源): a municipal agency or a
/// county government submits its own straight to the Center; a county department's goes through its county
/// government, which submits it (as the applicant of record) or returns it to the department.
/// </summary>
/// <param name="ThroughCounty">The application is a county department's.</param>
/// <param name="ActorIsCountyGovernment">The one acting is the operator of that department's county government.</param>
public sealed record ApplicationRoute(bool ThroughCounty, bool ActorIsCountyGovernment)
{
    public static readonly ApplicationRoute Direct = new(false, false);
}

/// <summary>What someone asks to do with an application.</summary>
public enum ApplicationAction
{
    Submit,
    Evaluate,
    Approve,
    Reject,
    Return,
}

/// <summary>Why a transition is refused: the caller's role (403) or the application's state (409).</summary>
public enum RefusalKind
{
    Role,
    State,
}

public sealed record FlowRefusal(RefusalKind Kind, string Message);

/// <summary>The new state, or the refusal in Chinese.</summary>
public sealed record FlowResult(ApplicationState? To, FlowRefusal? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// The resource application process of Art. 21: the agency submits, the Center
/// evaluates (or returns for revision), the Bureau approves, rejects or returns. Each transition
/// checks the role and the state and says in Chinese why it cannot happen.
/// </summary>
public static class ApplicationFlow
{
    public static string DisplayName(this ApplicationState state) => state switch
    {
        ApplicationState.Draft => "草稿",
        ApplicationState.Submitted => "已提交",
        ApplicationState.Evaluated => "已评估",
        ApplicationState.Approved => "已批准",
        ApplicationState.Rejected => "已驳回",
        ApplicationState.Returned => "退回修改",
        ApplicationState.AwaitingCounty => "待县区审核",
        _ => state.ToString(),
    };

    public static string DisplayName(this ApplicationAction action) => action switch
    {
        ApplicationAction.Submit => "提交",
        ApplicationAction.Evaluate => "评估",
        ApplicationAction.Approve => "批准",
        ApplicationAction.Reject => "驳回",
        ApplicationAction.Return => "退回修改",
        _ => action.ToString(),
    };

    /// <summary>The agency may change the form only while it holds it.</summary>
    public static bool IsEditable(ApplicationState state) => state is ApplicationState.Draft or ApplicationState.Returned;

    /// <summary>Approved and rejected applications are finished.</summary>
    public static bool IsClosed(ApplicationState state) => state is ApplicationState.Approved or ApplicationState.Rejected;

    /// <summary>Applications on their way to the city: with the county, the Center or the Bureau.</summary>
    public static bool IsInProgress(ApplicationState state) =>
        state is ApplicationState.AwaitingCounty or ApplicationState.Submitted or ApplicationState.Evaluated;

    public static FlowResult Decide(ApplicationAction action, ApplicationState from, IReadOnlySet<Role> roles, ApplicationRoute? route = null)
    {
        route ??= ApplicationRoute.Direct;
        return action switch
        {
            ApplicationAction.Submit when route.ActorIsCountyGovernment => Step(roles, Role.AgencyOperator, CountyOperator, from,
                IsEditable(from) || from == ApplicationState.AwaitingCounty, ApplicationState.Submitted, action),
            // A county department's own submission goes to its county government, not to the Center.
            ApplicationAction.Submit when route.ThroughCounty => Step(roles, Role.AgencyOperator, "使用单位经办人", from, IsEditable(from),
                ApplicationState.AwaitingCounty, action),
            ApplicationAction.Return when from == ApplicationState.AwaitingCounty => route.ActorIsCountyGovernment
                ? Step(roles, Role.AgencyOperator, CountyOperator, from, true, ApplicationState.Returned, action)
                : new FlowResult(null, new FlowRefusal(RefusalKind.Role, $"只有{CountyOperator}可以{action.DisplayName()}申请")),
            _ => DecideDirect(action, from, roles),
        };
    }

    private const string CountyOperator = "所属县区人民政府经办人";

    /// <summary>The steps every application takes once it is addressed to the city.</summary>
    private static FlowResult DecideDirect(ApplicationAction action, ApplicationState from, IReadOnlySet<Role> roles) => action switch
    {
        ApplicationAction.Submit => Step(roles, Role.AgencyOperator, "使用单位经办人", from, IsEditable(from), ApplicationState.Submitted, action),
        ApplicationAction.Evaluate => Step(roles, Role.CenterEvaluator, "信息化建设管理中心评估人员", from,
            from == ApplicationState.Submitted, ApplicationState.Evaluated, action),
        ApplicationAction.Approve or ApplicationAction.Reject => Step(roles, Role.BureauApprover, "大数据局审批人员", from,
            from == ApplicationState.Evaluated, action == ApplicationAction.Approve ? ApplicationState.Approved : ApplicationState.Rejected, action),
        // The Center returns while evaluating, the Bureau while deciding.
        ApplicationAction.Return => from switch
        {
            ApplicationState.Submitted => Step(roles, Role.CenterEvaluator, "信息化建设管理中心评估人员", from, true, ApplicationState.Returned, action),
            ApplicationState.Evaluated => Step(roles, Role.BureauApprover, "大数据局审批人员", from, true, ApplicationState.Returned, action),
            _ => new FlowResult(null, new FlowRefusal(RefusalKind.State, StateMessage(action, from))),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Who acts next in a state, for queues and the flow diagram.</summary>
    public static Role? NextActor(ApplicationState state) => state switch
    {
        ApplicationState.Draft or ApplicationState.Returned or ApplicationState.AwaitingCounty => Role.AgencyOperator,
        ApplicationState.Submitted => Role.CenterEvaluator,
        ApplicationState.Evaluated => Role.BureauApprover,
        _ => null,
    };

    private static FlowResult Step(IReadOnlySet<Role> roles, Role role, string who, ApplicationState from, bool stateAllows, ApplicationState to,
        ApplicationAction action)
    {
        if (!roles.Contains(role)) return new FlowResult(null, new FlowRefusal(RefusalKind.Role, $"只有{who}可以{action.DisplayName()}申请"));
        if (!stateAllows) return new FlowResult(null, new FlowRefusal(RefusalKind.State, StateMessage(action, from)));
        return new FlowResult(to, null);
    }

    private static string StateMessage(ApplicationAction action, ApplicationState from) =>
        $"申请当前为“{from.DisplayName()}”，不能{action.DisplayName()}";
}
