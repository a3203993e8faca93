using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Components;

/// <summary>
/// Records keep who acted as a sign-in name (the audit log's key); pages show the person: 张三（市教育局）. One lookup of
/// every user per circuit, in a scope of its own (components render concurrently and may not share a DbContext).
/// </summary>
public sealed class PeopleDirectory(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Dictionary<string, string>? names;

    /// <summary>The person behind a sign-in name, or the name itself when no user has it (系统, a removed account).</summary>
    public async Task<string?> NameAsync(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return userName;
        if (names is null)
        {
            await gate.WaitAsync();
            try
            {
                if (names is null)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
                    names = await db.Users.AsNoTracking().Where(u => u.UserName != null)
                        .Select(u => new { u.UserName, u.DisplayName, Organisation = u.Organisation!.Name })
                        .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName.Contains('（') ? u.DisplayName : $"{u.DisplayName}（{u.Organisation}）",
                            StringComparer.OrdinalIgnoreCase);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        return names.GetValueOrDefault(userName, userName);
    }
}
