using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovCloud.Web.Tests;

/// <summary>
/// On SQLite times are stored as numbers. They used to be numbered by their clock time with the offset beside, so a time typed in
/// Beijing time sorted eight hours late against the server's UTC times (an outage under way did not count in the month's
/// availability). Now the instant is numbered, and the upgrade numbers the rows stored before the same way.
/// </summary>
public sealed class SqliteTimesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Beijing_time_stored_before_the_upgrade_compares_and_sorts_with_UTC_times_after_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"govcloud-times-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteGovCloudDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        try
        {
            await using var db = new SqliteGovCloudDbContext(options);
            await db.GetService<IMigrator>().MigrateAsync("20261203205400_SystemOperations", Ct);
            // 04:00 on 4 December in Beijing (20:00 UTC on the 3rd), as the old numbering wrote it.
            var beijing = new DateTimeOffset(2026, 12, 4, 4, 0, 0, TimeSpan.FromHours(8));
            var old = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(beijing)!;
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ('beijing', 'a', {old})", Ct);

            await db.Database.MigrateAsync(Ct);
            db.JobLeases.Add(new JobLease { Name = "utc", Holder = "b", ExpiresAt = new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync(Ct);

            db.ChangeTracker.Clear();
            Assert.Equal(["beijing", "utc"], await db.JobLeases.OrderBy(l => l.ExpiresAt).Select(l => l.Name).ToListAsync(Ct));
            var halfPast = new DateTimeOffset(2026, 12, 3, 20, 30, 0, TimeSpan.Zero);
            Assert.Equal(["beijing"], await db.JobLeases.Where(l => l.ExpiresAt < halfPast).Select(l => l.Name).ToListAsync(Ct));
            Assert.Equal(beijing, (await db.JobLeases.SingleAsync(l => l.Name == "beijing", Ct)).ExpiresAt);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
