using GovCloud.Domain.Operations;

namespace GovCloud.Domain.Tests;

// the Center records outages and reports the cloud's availability per zone and system.
public class IncidentRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, China);
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, China);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, China);

    [Fact]
    public void R_22_1_overlapping_outages_count_once_and_only_inside_the_month()
    {
        // A zone down 10:00–12:00 while one of its systems was down 11:00–13:00: three hours, not four.
        Assert.Equal(TimeSpan.FromHours(3), Availability.Downtime([(At(5, 10), At(5, 12)), (At(5, 11), At(5, 13))], November, December));
        // One inside another counts as the outer.
        Assert.Equal(TimeSpan.FromHours(2), Availability.Downtime([(At(5, 10), At(5, 12)), (At(5, 10, 30), At(5, 11))], November, December));
        // Begun on 31 October at 23:00, over at 01:00: one hour in November.
        Assert.Equal(TimeSpan.FromHours(1), Availability.Downtime([(November.AddHours(-1), November.AddHours(1))], November, December));
        // Not over yet: it counts to the period's end.
        Assert.Equal(TimeSpan.FromHours(14), Availability.Downtime([(At(30, 10), null)], November, December));
        Assert.Equal(TimeSpan.Zero, Availability.Downtime([(December, December.AddHours(1))], November, December));
        Assert.Equal(TimeSpan.Zero, Availability.Downtime([], November, December));
    }

    [Fact]
    public void R_22_1_availability_is_the_share_of_the_month_the_service_was_up()
    {
        // 43.2 minutes down in a 30-day month is 99.9 %.
        Assert.Equal(99.9, Availability.Percent(TimeSpan.FromMinutes(43.2), November, December), 6);
        Assert.Equal(100, Availability.Percent(TimeSpan.Zero, November, December));
        Assert.Equal(0, Availability.Percent(TimeSpan.FromDays(31), November, December));
        Assert.Equal(100, Availability.Percent(TimeSpan.Zero, November, November));
    }

    [Fact]
    public void R_22_1_an_incident_names_what_it_touched_and_ends_after_it_began()
    {
        var now = At(20, 12);
        Assert.Empty(IncidentRules.Validate("存储故障", IncidentKind.Outage, At(20, 9), At(20, 10), now, "存储控制器故障", null, 1));
        var problems = IncidentRules.Validate(" ", null, null, null, now, null, null, 0);
        Assert.Equal(["title", "kind", "startedAt", "zones"], problems.Select(p => p.Field));
        Assert.Contains(IncidentRules.Validate("存储故障", IncidentKind.Outage, At(20, 9), At(20, 8), now, null, null, 1), p => p.Message == "恢复时间应晚于开始时间");
        Assert.Contains(IncidentRules.Validate("存储故障", IncidentKind.Outage, At(21, 9), null, now, null, null, 1), p => p.Message == "开始时间不能晚于现在");

        Assert.Empty(IncidentRules.ValidateClosing(At(20, 9), null, At(20, 10), now, null, "切换备用控制器"));
        Assert.Equal(["endedAt"], IncidentRules.ValidateClosing(At(20, 9), At(20, 10), At(20, 11), now, null, "已处置").Select(p => p.Field));
        Assert.Equal(["endedAt", "handling"], IncidentRules.ValidateClosing(At(20, 9), null, null, now, null, "").Select(p => p.Field));
    }
}
