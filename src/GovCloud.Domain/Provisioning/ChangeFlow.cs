using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Provisioning;

/// <summary>变更 or 终止: the two requests an agency makes about resources it already holds.</summary>
public enum ChangeKind
{
    Change,
    Termination,
}

/// <summary>Both go the same way: the agency submits, the Center evaluates, the Bureau approves or rejects, the Center carries it out.</summary>
public enum ChangeState
{
    Submitted,
    Evaluated,
    Approved,
    Rejected,
    Completed,
}

public enum ChangeAction
{
    Evaluate,
    Approve,
    Reject,
    Complete,
}

/// <summary>What one line of a change does to the inventory.</summary>
public enum ChangeLineAction
{
    Add,
    Resize,
    Remove,
    /// <summary>A catalogue service (load balancer, backup, …) taken on.</summary>
    AddService,
    /// <summary>A catalogue service given up (all of it).</summary>
    RemoveService,
}

public static class ChangeFlow
{
    public static string DisplayName(this ChangeKind kind) => kind switch
    {
        ChangeKind.Change => "变更申请",
        ChangeKind.Termination => "终止申请",
        _ => kind.ToString(),
    };

    public static string DisplayName(this ChangeState state) => state switch
    {
        ChangeState.Submitted => "待评估",
        ChangeState.Evaluated => "待审批",
        ChangeState.Approved => "待实施",
        ChangeState.Rejected => "未批准",
        ChangeState.Completed => "已完成",
        _ => state.ToString(),
    };

    public static string DisplayName(this ChangeLineAction action) => action switch
    {
        ChangeLineAction.Add => "新增虚拟机",
        ChangeLineAction.Resize => "调整配置",
        ChangeLineAction.Remove => "删除虚拟机",
        ChangeLineAction.AddService => "新增服务",
        ChangeLineAction.RemoveService => "停用服务",
        _ => action.ToString(),
    };

    public static string DisplayName(this ChangeAction action, ChangeKind kind) => action switch
    {
        ChangeAction.Evaluate => "评估",
        ChangeAction.Approve => "批准",
        ChangeAction.Reject => "不予批准",
        ChangeAction.Complete => kind == ChangeKind.Termination ? "回收资源" : "实施变更",
        _ => action.ToString(),
    };

    /// <summary>Null when the roles and the state allow the action, else why not (role → 403, state → 409).</summary>
    public static FlowRefusal? Check(ChangeAction action, ChangeKind kind, ChangeState state, IReadOnlySet<Role> roles)
    {
        var (role, who, from) = action switch
        {
            ChangeAction.Evaluate => (Role.CenterEvaluator, "信息化建设管理中心评估人员", ChangeState.Submitted),
            ChangeAction.Approve or ChangeAction.Reject => (Role.BureauApprover, "大数据局审批人员", ChangeState.Evaluated),
            ChangeAction.Complete => (Role.CenterOperator, "信息化建设管理中心运维人员", ChangeState.Approved),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        if (!roles.Contains(role)) return new FlowRefusal(RefusalKind.Role, $"只有{who}可以{action.DisplayName(kind)}");
        return state == from ? null
            : new FlowRefusal(RefusalKind.State, $"{kind.DisplayName()}当前为“{state.DisplayName()}”，不能{action.DisplayName(kind)}");
    }

    /// <summary>Who acts next, for queues.</summary>
    public static Role? NextActor(ChangeState state) => state switch
    {
        ChangeState.Submitted => Role.CenterEvaluator,
        ChangeState.Evaluated => Role.BureauApprover,
        ChangeState.Approved => Role.CenterOperator,
        _ => null,
    };
}
