using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GovCloud.Web.Infrastructure.Data;

public static class DatabaseSetup
{
    /// <summary>SQLite by default (a file under ./data), PostgreSQL when configured; both from one model.</summary>
    public static IServiceCollection AddGovCloudDatabase(this IServiceCollection services, IConfiguration config, DatabaseOptions options)
    {
        var connectionString = config.GetConnectionString("GovCloud");
        if (options.IsPostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("使用 PostgreSQL 时须设置连接字符串 ConnectionStrings__GovCloud");
            services.AddDbContext<GovCloudDbContext, PostgreSqlGovCloudDbContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var path = Path.GetFullPath(options.SqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                connectionString = $"Data Source={path}";
            }
            services.AddDbContext<GovCloudDbContext, SqliteGovCloudDbContext>(o => o.UseSqlite(connectionString));
        }
        return services;
    }
}

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGovCloudDbContext>
{
    public SqliteGovCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGovCloudDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGovCloudDbContext>
{
    public PostgreSqlGovCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlGovCloudDbContext>().UseNpgsql("Host=localhost;Database=govcloud_design").Options);
}
