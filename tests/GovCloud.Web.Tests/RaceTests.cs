using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>
/// Twenty identical requests at once. A "one per …" rule holds because the database keeps it (a unique index), and the
/// requests that lose get a Chinese 409 or 400, never a 500.
/// </summary>
public abstract class RaceTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Body)[]> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            var response = await send(i);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task R_21_1_twenty_parallel_applications_for_one_system_open_exactly_one()
    {
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new
        {
            name = "并发系统" + Guid.NewGuid().ToString("N")[..6], vendor = "某公司", kind = SystemKind.New, location = SystemLocation.OnCloud,
        })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

        var answers = await AllAtOnceAsync(20, _ => edu.PostJsonAsync("/api/v1/applications", new { systemId = system.Id, purpose = "新建", contacts = ApplicationKit.Contacts }));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.True(a.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}");
            Assert.Contains("一个系统同时只办理一份申请", a.Body);
        });
        Assert.Equal(1, await app.WithDbAsync(db => db.ResourceApplications.CountAsync(a => a.SystemId == system.Id, Ct)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_application_even_past_the_code()
    {
        var (_, a) = await app.DraftAsync();
        var problem = await app.WithDbAsync(async db =>
        {
            var copy = await db.ResourceApplications.AsNoTracking().FirstAsync(x => x.Id == a.Id, Ct);
            copy.Id = Guid.NewGuid();
            copy.Number = "SQ-TEST-" + Guid.NewGuid().ToString("N")[..6];
            db.ResourceApplications.Add(copy);
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            return GovCloud.Web.Infrastructure.Data.UniqueRules.Conflict(error);
        });
        Assert.NotNull(problem);
        Assert.Equal(409, problem.Status);
        Assert.Equal("该系统已有办理中的申请，一个系统同时只办理一份申请", problem.Detail);
    }

    [Fact]
    public async Task Parallel_zones_get_distinct_numbers_and_same_name_zones_one_winner_with_chinese_answers()
    {
        var bureau = await app.SignInAsync("bureau");
        var tag = Guid.NewGuid().ToString("N")[..4];
        var distinct = await AllAtOnceAsync(8, i => bureau.PostJsonAsync("/api/v1/zones", new { name = $"分区{tag}{i}", serverTypes = new[] { ServerType.APP }, capacityVcpu = 64, capacityMemoryGb = 256, capacityStorageGb = 10000 }));
        Assert.All(distinct, a => Assert.True(a.Status == HttpStatusCode.Created, $"{(int)a.Status}: {a.Body}"));
        var zones = (await (await bureau.GetAsync("/api/v1/zones?includeInactive=true", Ct)).ReadAsync<List<NetworkZoneDto>>());
        Assert.Equal(zones.Count, zones.Select(z => z.No).Distinct().Count());

        var same = await AllAtOnceAsync(10, _ => bureau.PostJsonAsync("/api/v1/zones", new { name = $"同名分区{tag}", serverTypes = new[] { ServerType.APP }, capacityVcpu = 64, capacityMemoryGb = 256, capacityStorageGb = 10000 }));
        Assert.Single(same, a => a.Status == HttpStatusCode.Created);
        Assert.All(same.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.True(a.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}");
            Assert.True(Http.HasChinese(a.Body));
        });
    }

    [Fact]
    public async Task Parallel_registrations_of_one_system_name_create_one()
    {
        var edu = await app.SignInAsync("edu");
        var name = "同名系统" + Guid.NewGuid().ToString("N")[..6];
        var answers = await AllAtOnceAsync(10, _ => edu.PostJsonAsync("/api/v1/systems", new
        {
            name, vendor = "某公司", kind = SystemKind.New, location = SystemLocation.OnCloud,
        }));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.True(a.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
    }
}

public sealed class RacesOnSqlite(SqliteApp app) : RaceTests(app), IClassFixture<SqliteApp>;
public sealed class RacesOnPostgres(PostgresApp app) : RaceTests(app), IClassFixture<PostgresApp>;
