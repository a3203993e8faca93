using GovCloud.Domain.Security;

namespace GovCloud.Domain.Applications;

/// <summary>The states of a 云资源使用申请 (Annex 2): 草稿 → 已提交 → 已评估 → 已批准 / 已驳回, or 退回修改 and back.</summary>
public enum ApplicationState
{
    Draft,
    Submitted,
    Evaluated,
    Approved,
    Rejected,
    Returned,
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

    public static FlowResult Decide(ApplicationAction action, ApplicationState from, IReadOnlySet<Role> roles) => action switch
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
        ApplicationState.Draft or ApplicationState.Returned => Role.AgencyOperator,
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
