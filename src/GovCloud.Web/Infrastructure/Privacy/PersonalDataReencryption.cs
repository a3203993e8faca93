using System.Data.Common;
using GovCloud.Domain.Audit;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovCloud.Web.Infrastructure.Privacy;

/// <summary>
/// Seals with the current key every personal-data value that is not yet: values written before encryption was turned on,
/// and values sealed with an older key after <c>GovCloud:PersonalData:CurrentKey</c> moved on (key rotation); fills the
/// search index where it is missing; and does the same for the secrets of the stored data-protection keys. Runs once after each start, in batches of a few hundred rows, each batch in a
/// transaction; a second instance doing the same at the same time only seals a value twice. Rewrites below EF Core (the
/// values do not change, so neither does any version of the rows).
/// </summary>
public sealed class PersonalDataReencryption(GovCloudDbContext db, PersonalDataProtector protector, AuditLog audit, ILogger<PersonalDataReencryption> log)
{
    private const int Batch = 500;

    /// <summary>How many values it sealed again and how many indexes it filled.</summary>
    public sealed record Result(int Sealed, int Indexed);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        int sealedTotal = 0, indexedTotal = 0;
        foreach (var table in PersonalDataModel.Fields.GroupBy(f => f.Entity))
        {
            var entity = db.Model.FindEntityType(table.Key)!;
            var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName();
            var columns = table.Select(f => (
                Value: entity.FindProperty(f.Property)!.GetColumnName(),
                Index: f.Searchable ? entity.FindProperty(f.IndexProperty)!.GetColumnName() : null)).ToList();
            object? after = null;
            while (true)
            {
                var (rows, last) = await StaleRowsAsync(entity.GetTableName()!, key, columns, after, ct);
                if (rows.Count == 0) break;
                var (sealedCount, indexedCount) = await RewriteAsync(entity.GetTableName()!, key, columns, rows, ct);
                sealedTotal += sealedCount;
                indexedTotal += indexedCount;
                after = last;
            }
        }
        foreach (var key in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (key.Xml is null || DataProtectionKeyXml.Reseal(key.Xml, protector) is not { } resealed) continue;
            key.Xml = resealed;
            sealedTotal++;
        }
        if (sealedTotal + indexedTotal > 0)
        {
            audit.Record(Actor.System, AuditActions.PersonalDataResealed, "PersonalData", protector.CurrentKey,
                after: new { key = protector.CurrentKey, @sealed = sealedTotal, indexed = indexedTotal });
            await db.SaveChangesAsync(ct);
            log.LogInformation("Personal data: {Sealed} values sealed with key {Key}, {Indexed} search indexes filled", sealedTotal, protector.CurrentKey, indexedTotal);
            await CompactAsync(ct);
        }
        return new Result(sealedTotal, indexedTotal);
    }

    /// <summary>The next rows (by key) with a value not sealed with the current key or a missing index.</summary>
    private async Task<(List<(object Key, string?[] Values)> Rows, object? Last)> StaleRowsAsync(
        string table, string key, List<(string Value, string? Index)> columns, object? after, CancellationToken ct)
    {
        var current = $"{PersonalDataProtector.Prefix}{protector.CurrentKey}:%";
        var stale = string.Join(" OR ", columns.Select(c =>
            $"(\"{c.Value}\" <> '' AND \"{c.Value}\" NOT LIKE @current)" + (c.Index is null ? "" : $" OR (\"{c.Value}\" <> '' AND \"{c.Index}\" IS NULL)")));
        await using var command = await CommandAsync(ct);
        command.CommandText = $"SELECT \"{key}\", {string.Join(", ", columns.Select(c => $"\"{c.Value}\""))} FROM \"{table}\" " +
            $"WHERE ({stale}){(after is null ? "" : $" AND \"{key}\" > @after")} ORDER BY \"{key}\" LIMIT {Batch}";
        Add(command, "current", current);
        if (after is not null) Add(command, "after", after);
        var rows = new List<(object, string?[])>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetValue(0), columns.Select((_, i) => reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1)).ToArray()));
        return (rows, rows.Count == 0 ? null : rows[^1].Item1);
    }

    private async Task<(int Sealed, int Indexed)> RewriteAsync(
        string table, string key, List<(string Value, string? Index)> columns, List<(object Key, string?[] Values)> rows, CancellationToken ct)
    {
        int sealedCount = 0, indexedCount = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (id, values) in rows)
        {
            var sets = new List<string>();
            await using var command = await CommandAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.IsNullOrEmpty(values[i])) continue;
                var plain = protector.Unprotect(values[i]);
                if (!protector.IsCurrent(values[i]))
                {
                    sets.Add($"\"{columns[i].Value}\" = @v{i}");
                    Add(command, $"v{i}", protector.Protect(plain)!);
                    sealedCount++;
                }
                if (columns[i].Index is { } index)
                {
                    sets.Add($"\"{index}\" = @i{i}");
                    Add(command, $"i{i}", (object?)protector.Index(plain) ?? DBNull.Value);
                    indexedCount++;
                }
            }
            if (sets.Count == 0) continue;
            command.CommandText = $"UPDATE \"{table}\" SET {string.Join(", ", sets)} WHERE \"{key}\" = @key";
            Add(command, "key", id);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (sealedCount, indexedCount);
    }

    /// <summary>
    /// The old values stay in the database's free pages (and SQLite's write-ahead log) until they are reused: on SQLite the file
    /// is rewritten at once; on PostgreSQL VACUUM FULL is the operator's to run (see the operations guide), as it locks the tables.
    /// </summary>
    private async Task CompactAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        try
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            log.LogWarning(e, "Personal data resealed, but the database file could not be compacted now (busy); old values stay in free pages until reused");
        }
    }

    private async Task<DbCommand> CommandAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
