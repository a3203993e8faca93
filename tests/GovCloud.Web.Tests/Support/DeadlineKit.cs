using GovCloud.Domain.Calendar;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests.Support;

/// <summary>Starting clocks and running sweeps the way a process and the background job do.</summary>
public static class DeadlineKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static async Task<DeadlineClock> StartAsync(GovCloudApp app, string organisation, Role role, Period period, DateTimeOffset at, string caseId = "A-001")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var orgId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync(Ct);
        return await scope.ServiceProvider.GetRequiredService<DeadlineClockService>().StartAsync(Actor.System,
            // A case of no particular process (its link opens the clock on the deadlines page); the processes have their own tests.
            new ClockStart("Example", caseId, "市教育局智慧校园平台上云申请", "Evaluate", "评估", orgId, role, period, at), Ct);
    }

    public static async Task<SweepResult> SweepAsync(GovCloudApp app, string holder = "test")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(holder, Ct);
    }

    public static async Task WithClocksAsync(GovCloudApp app, Func<DeadlineClockService, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<DeadlineClockService>());
    }

}

