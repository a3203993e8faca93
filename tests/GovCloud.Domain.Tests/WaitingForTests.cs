using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Work;

namespace GovCloud.Domain.Tests;

/// <summary>Nobody waits for a step they were never told about: every state of every process that is not finished waits for someone.</summary>
public class WaitingForTests
{
    [Fact]
    public void Every_open_state_of_every_process_waits_for_someone_and_a_finished_one_for_nobody()
    {
        foreach (var state in Enum.GetValues<ApplicationState>())
            Assert.Equal(!ApplicationFlow.IsClosed(state), WaitingFor.Application(state).Count > 0);
        foreach (var kind in Enum.GetValues<ChangeKind>())
        foreach (var state in Enum.GetValues<ChangeState>())
            Assert.Equal(state is not (ChangeState.Rejected or ChangeState.Completed), WaitingFor.Change(state, kind).Count > 0);
        foreach (var state in Enum.GetValues<CertificationState>())
            Assert.Equal(state is CertificationState.Submitted or CertificationState.Evaluated, WaitingFor.Certification(state).Count > 0);
        foreach (var state in Enum.GetValues<MigrationPlanState>())
            Assert.Equal(state != MigrationPlanState.Approved, WaitingFor.MigrationPlan(state).Count > 0);
        Assert.NotEmpty(WaitingFor.Revocation(confirmed: false));
        Assert.Empty(WaitingFor.Revocation(confirmed: true));
        // a request waits for the agency's security officer until decided or out of time; an emergency access until reviewed.
        Assert.Equal("审批访问申请", WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding.Waiting, false, false).Single().Action);
        Assert.Empty(WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding.Ended, false, false));
        Assert.Equal("审查应急访问", WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding.Ended, true, false).Single().Action);
        Assert.Equal(GovCloud.Domain.Security.Role.AgencySecurityOfficer, WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding.InForce, true, false).Single().Role);
        Assert.Empty(WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantStanding.Ended, true, true));
        // A trial in every combination of who has done what.
        foreach (var state in Enum.GetValues<TrialState>())
        foreach (var agency in new[] { false, true })
        foreach (var center in new[] { false, true })
        foreach (var result in new TrialResult?[] { null, TrialResult.Passed, TrialResult.Problems })
            Assert.Equal(state is TrialState.AwaitingDelivery or TrialState.InTrial, WaitingFor.Trial(state, agency, center, result).Count > 0);
    }

    [Fact]
    public void R_21_4_after_delivery_the_agencys_security_officer_confirms_the_agreement_and_the_center_opens_formal_use_last()
    {
        var delivered = WaitingFor.Trial(TrialState.InTrial, false, false, null);
        Assert.Contains(new Waiting(Party.Agency, Security.Role.AgencySecurityOfficer, "确认使用协议"), delivered);
        Assert.Contains(new Waiting(Party.Center, Security.Role.CenterOperator, "确认使用协议"), delivered);
        Assert.Contains(new Waiting(Party.Agency, Security.Role.AgencyOperator, "报告试用结果"), delivered);
        Assert.Equal([new Waiting(Party.Center, Security.Role.CenterOperator, "正式开通")], WaitingFor.Trial(TrialState.InTrial, true, true, TrialResult.Passed));
        Assert.Equal([new Waiting(Party.Agency, Security.Role.AgencyOperator, "整改后重新报告试用结果")],
            WaitingFor.Trial(TrialState.InTrial, true, true, TrialResult.Problems));
        // Art. 5: a county department's application waits for its county government.
        Assert.Equal(Party.County, Assert.Single(WaitingFor.Application(ApplicationState.AwaitingCounty)).Party);
    }
}
