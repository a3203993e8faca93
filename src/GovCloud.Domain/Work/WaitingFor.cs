using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Work;

/// <summary>Whose turn it is, relative to a case: its own organisation, that organisation's county government, the Center or the Bureau.</summary>
public enum Party
{
    Agency,
    County,
    Center,
    Bureau,
    /// <summary>The organisation that issued the case (a rectification notice's issuer: the Bureau, the Center or a regulator).</summary>
    Issuer,
}

/// <summary>One person's next step on a case: the party and role who act, and what they do (in Chinese, as 待办 shows it).</summary>
public sealed record Waiting(Party Party, Role Role, string Action);

/// <summary>
/// "Who acts next" for every process, derived from the case's state and nothing else: the 待办 of every user and the
/// messages at each hand-over come from here, so no waiting step is left without someone who knows it is theirs.
/// A finished case waits for nobody.
/// </summary>
public static class WaitingFor
{
    public static IReadOnlyList<Waiting> Application(ApplicationState state) => state switch
    {
        ApplicationState.Draft => [new(Party.Agency, Role.AgencyOperator, "填写并提交申请")],
        ApplicationState.Returned => [new(Party.Agency, Role.AgencyOperator, "按退回意见修改后重新提交")],
        ApplicationState.AwaitingCounty => [new(Party.County, Role.AgencyOperator, "审核并统一提交市政务云")],
        ApplicationState.Submitted => [new(Party.Center, Role.CenterEvaluator, "评估")],
        ApplicationState.Evaluated => [new(Party.Bureau, Role.BureauApprover, "审批")],
        _ => [],
    };

    /// <summary>The trial: the Center delivers; then the agreement is confirmed by both sides, the agency reports, the Center opens formal use.</summary>
    public static IReadOnlyList<Waiting> Trial(TrialState state, bool agencyAgreed, bool centerAgreed, TrialResult? result)
    {
        if (state == TrialState.AwaitingDelivery) return [new(Party.Center, Role.CenterOperator, "交付试用环境")];
        if (state != TrialState.InTrial) return [];
        var waiting = new List<Waiting>();
        if (!agencyAgreed) waiting.Add(new(Party.Agency, Role.AgencySecurityOfficer, "确认使用协议"));
        if (!centerAgreed) waiting.Add(new(Party.Center, Role.CenterOperator, "确认使用协议"));
        if (result is null) waiting.Add(new(Party.Agency, Role.AgencyOperator, "报告试用结果"));
        else if (result == TrialResult.Problems) waiting.Add(new(Party.Agency, Role.AgencyOperator, "整改后重新报告试用结果"));
        // Nothing left to wait for but the Center's formal opening.
        if (waiting.Count == 0) waiting.Add(new(Party.Center, Role.CenterOperator, "正式开通"));
        return waiting;
    }

    public static IReadOnlyList<Waiting> Change(ChangeState state, ChangeKind kind) => state switch
    {
        ChangeState.Submitted => [new(Party.Center, Role.CenterEvaluator, "评估")],
        ChangeState.Evaluated => [new(Party.Bureau, Role.BureauApprover, "审批")],
        ChangeState.Approved => [new(Party.Center, Role.CenterOperator, kind == ChangeKind.Termination ? "回收资源并处置数据" : "实施变更")],
        _ => [],
    };

    public static IReadOnlyList<Waiting> Certification(CertificationState state) => state switch
    {
        CertificationState.Submitted => [new(Party.Center, Role.CenterEvaluator, "现场评估")],
        CertificationState.Evaluated => [new(Party.Bureau, Role.BureauApprover, "认定")],
        _ => [],
    };

    public static IReadOnlyList<Waiting> MigrationPlan(MigrationPlanState state) => state switch
    {
        MigrationPlanState.Submitted => [new(Party.Bureau, Role.BureauApprover, "审核迁移计划")],
        MigrationPlanState.Returned => [new(Party.Agency, Role.AgencyOperator, "修改后重新提交迁移计划")],
        _ => [],
    };

    /// <summary>
    /// A rectification notice waits for its recipient while an item is to be answered (again), and for its issuer while an answer
    /// is to be checked; both at once when some items are answered and others not.
    /// </summary>
    public static IReadOnlyList<Waiting> Rectification(IReadOnlyCollection<ItemState> items, Role recipientRole, Role issuerRole)
    {
        var waiting = new List<Waiting>();
        if (items.Any(i => i is ItemState.Pending or ItemState.Reopened)) waiting.Add(new(Party.Agency, recipientRole, "整改并逐项答复"));
        if (items.Any(i => i == ItemState.Answered)) waiting.Add(new(Party.Issuer, issuerRole, "核验整改情况"));
        return waiting;
    }

    /// <summary>
    /// An access request waits for the agency's security officer while its window is not over; an emergency access for
    /// the officer's review afterwards, however long ago.
    /// </summary>
    /// <summary>A resource proposal of the Center waits for the agency's operator to accept it (as a change request) or decline it.</summary>
    public static IReadOnlyList<Waiting> SizingProposal(GovCloud.Domain.Monitoring.SizingProposalState state) =>
        state == GovCloud.Domain.Monitoring.SizingProposalState.Open ? [new(Party.Agency, Role.AgencyOperator, "确认资源调整建议")] : [];

    /// <summary>A month's operations bulletin, counted into a draft, waits for the Center to review it, write its summary and publish it.</summary>
    public static IReadOnlyList<Waiting> OperationsBulletin(GovCloud.Domain.Operations.OperationsBulletinState state) =>
        state == GovCloud.Domain.Operations.OperationsBulletinState.Draft ? [new(Party.Center, Role.CenterOperator, "审核并发布运行情况通报")] : [];

    public static IReadOnlyList<Waiting> AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding standing, bool isEmergency, bool reviewed)
    {
        if (standing == GovCloud.Domain.DataAccess.AccessGrantStanding.Waiting) return [new(Party.Agency, Role.AgencySecurityOfficer, "审批访问申请")];
        return isEmergency && !reviewed ? [new(Party.Agency, Role.AgencySecurityOfficer, "审查应急访问")] : [];
    }

    /// <summary>A centre the agency revoked waits for the Bureau's confirmation (Art. 16(三)).</summary>
    public static IReadOnlyList<Waiting> Revocation(bool confirmed) =>
        confirmed ? [] : [new(Party.Bureau, Role.BureauApprover, "确认撤销并接收设备")];
}
