using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// The background work of every instance, once a minute: the deadline sweep (under a database
/// lease, so one instance does it), after the re-encryption of personal data once per start, the trial, data-centre, MLPS assessment, confidentiality agreement and operations-on-file reminders, the agencies' monthly access summary (each message once, by its key), the daily usage figures (pushed points summarised, monitoring sources pulled, each under a lease) and the monthly snapshots of migration rates and pools and the monthly operations bulletin's draft (a unique
/// key per month, so each is taken once whichever instance gets there first); each run counted for /metrics.
/// </summary>
public sealed class PeriodicJobs(IServiceScopeFactory scopes, IOptions<GovCloudOptions> options, Features.Platform.GovCloudMetrics metrics,
    ILogger<PeriodicJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Once per start: values written before encryption, or under a key rotated away from (a key changes only with a restart).
        await RunAsync("Personal data re-encryption", sp => sp.GetRequiredService<Privacy.PersonalDataReencryption>().RunAsync(stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.Deadlines.SweepIntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync("Deadline sweep", async sp =>
            {
                var result = await sp.GetRequiredService<DeadlineSweep>().RunAsync(JobLeases.Instance, stoppingToken);
                if (result.MarkedOverdue + result.Notified > 0)
                    log.LogInformation("Deadline sweep: {Overdue} overdue, {Notified} notified, {Emailed} e-mailed", result.MarkedOverdue, result.Notified, result.Emailed);
            }, stoppingToken);
            await RunAsync("Migration snapshot", sp => sp.GetRequiredService<MigrationSnapshots>().EnsureLastMonthAsync(stoppingToken), stoppingToken);
            await RunAsync("Trial reminders", sp => sp.GetRequiredService<Features.Provisioning.TrialService>().RemindAsync(stoppingToken), stoppingToken);
            await RunAsync("Data-centre reminders", sp => sp.GetRequiredService<Features.DataCenters.DataCenterService>().RemindAsync(stoppingToken), stoppingToken);
            await RunAsync("Unapplied centres", sp => sp.GetRequiredService<Features.DataCenters.DataCenterService>().DeemUnappliedAsync(stoppingToken), stoppingToken);
            await RunAsync("MLPS reminders", sp => sp.GetRequiredService<Features.Supervision.MlpsService>().RemindAsync(stoppingToken), stoppingToken);
            await RunAsync("Access summary", sp => sp.GetRequiredService<Features.DataAccess.AccessLogService>().SummariseLastMonthAsync(stoppingToken), stoppingToken);
            await RunAsync("Agreement reminders", sp => sp.GetRequiredService<Features.DataAccess.ConfidentialityService>().RemindAsync(stoppingToken), stoppingToken);
            await RunAsync("Usage summary", sp => sp.GetRequiredService<Features.Monitoring.UsageSummary>().RunAsync(stoppingToken), stoppingToken);
            await RunAsync("Usage pull", sp => sp.GetRequiredService<Features.Monitoring.PrometheusPull>().RunAsync(stoppingToken), stoppingToken);
            await RunAsync("Pool snapshot", sp => sp.GetRequiredService<Features.Pools.PoolService>().EnsureLastMonthSnapshotAsync(stoppingToken), stoppingToken);
            await RunAsync("Operations bulletin", sp => sp.GetRequiredService<Features.Operations.OperationsBulletinService>().DraftDueAsync(stoppingToken), stoppingToken);
            await RunAsync("Operations reminders", sp => sp.GetRequiredService<Features.Operations.SystemOperationsService>().RemindAsync(stoppingToken), stoppingToken);
            await RunAsync("Metrics count", sp => metrics.CountAsync(sp.GetRequiredService<GovCloudDbContext>(), stoppingToken), stoppingToken);
        }
    }

    private async Task RunAsync(string job, Func<IServiceProvider, Task> work, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider);
            metrics.JobRan(job, true, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            metrics.JobRan(job, false, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            log.LogError(e, "{Job} failed", job);
        }
    }
}
