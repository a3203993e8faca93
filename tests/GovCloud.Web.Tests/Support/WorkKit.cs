using GovCloud.Domain.Security;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Work;

namespace GovCloud.Web.Tests.Support;

/// <summary>
/// "Someone is told": for every step a case waits for (by <see cref="WaitingFor"/>), the demo user who takes it finds it in
/// 待办 and has a message "待{step}：{number}" in the inbox, both linking to the place to act.
/// </summary>
public static class WorkKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Who takes a step, among the demo users, on a case of <paramref name="agencyUser"/>'s organisation.</summary>
    public static string UserFor(Waiting w, string agencyUser) => (w.Party, w.Role) switch
    {
        (Party.Agency, Role.AgencySecurityOfficer) when agencyUser == "edu" => "edusec",
        (Party.Agency, Role.AgencyOperator) => agencyUser,
        (Party.County, Role.AgencyOperator) when agencyUser == "county1" => "liujiang",
        (Party.Center, Role.CenterEvaluator or Role.CenterOperator) => "center",
        (Party.Bureau, Role.BureauApprover) => "bureau",
        _ => throw new InvalidOperationException($"no demo user takes {w} on a case of {agencyUser}"),
    };

    /// <summary>
    /// Asserts that the case waits for someone and that each of them was told. <paramref name="inbox"/> is false only for
    /// a draft, which waits for the person who made it.
    /// </summary>
    public static async Task AssertToldAsync(this GovCloudApp app, IReadOnlyList<Waiting> waiting, string agencyUser, string number, string link, bool inbox = true)
    {
        Assert.NotEmpty(waiting);
        foreach (var w in waiting)
        {
            var client = await app.SignInAsync(UserFor(w, agencyUser));
            var work = await (await client.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>();
            Assert.True(work.Any(i => i.Link == link && i.Action == w.Action && i.Number == number),
                $"{UserFor(w, agencyUser)} has no 待办 “{w.Action}” on {number} ({link}); has: {string.Join("; ", work.Select(i => $"{i.Action} {i.Number} {i.Link}"))}");
            if (!inbox) continue;
            var messages = (await (await client.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items;
            Assert.True(messages.Any(n => n.Title == $"待{w.Action}：{number}" && n.Link == link),
                $"{UserFor(w, agencyUser)} was not told “待{w.Action}：{number}” ({link}); has: {string.Join("; ", messages.Take(10).Select(n => $"{n.Title} {n.Link}"))}");
        }
    }
}
