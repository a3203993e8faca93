using GovCloud.Domain.Calendar;
using GovCloud.Domain.Security;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;

namespace GovCloud.Web.Tests;

/// <summary>With SMTP configured, each notification also goes out by e-mail, once.</summary>
public sealed class DeadlineEmailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_warning_is_emailed_to_the_responsible_user_through_smtp()
    {
        using var smtp = SimpleSmtpServer.Start(); // a local sink on a free port
        var clock = new MovableClock(DeadlineKit.Monday.AddDays(1));
        await using var app = new GovCloudApp(Provider.Sqlite, clock: clock, settings: new Dictionary<string, string?>
        {
            ["GovCloud:Smtp:Host"] = "127.0.0.1",
            ["GovCloud:Smtp:Port"] = smtp.Configuration.Port.ToString(),
        });
        await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(2), DeadlineKit.Monday);

        var result = await DeadlineKit.SweepAsync(app);
        Assert.Equal(1, result.Emailed);
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("center@liuzhou.gov.cn", mail.ToAddresses.Single().Address);
        Assert.Contains("即将到期", mail.Subject);
        Assert.Contains("2026-03-04", mail.MessageParts[0].BodyData);

        Assert.Equal(0, (await DeadlineKit.SweepAsync(app)).Emailed);
        Assert.Single(smtp.ReceivedEmail);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AllAsync(n => n.EmailedAt != null, Ct)));
    }
}
