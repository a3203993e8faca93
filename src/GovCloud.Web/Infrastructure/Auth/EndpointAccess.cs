using GovCloud.Domain.Security;
using Microsoft.AspNetCore.Authorization;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>The roles an endpoint admits: its gate, and what the API description says of it.</summary>
public sealed record AllowedRoles(IReadOnlyCollection<Role> Roles);

public static class EndpointAccess
{
    /// <summary>
    /// Only users holding one of <paramref name="roles"/> pass; anyone else gets 403 before the handler runs. Every
    /// API endpoint says this (or that it is anonymous), so a new endpoint cannot be open to every signed-in account by default.
    /// </summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, params IEnumerable<Role> roles) where TBuilder : IEndpointConventionBuilder
    {
        var list = roles.Distinct().ToArray();
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().RequireRole(list.Select(r => r.ToString())).Build());
        builder.WithMetadata(new AllowedRoles(list));
        return builder;
    }
}

/// <summary>The page policies: one per area of <see cref="Access"/>, named as the area.</summary>
public static class AreaPolicies
{
    public const string Systems = nameof(Access.Systems);
    public const string Applications = nameof(Access.Applications);
    public const string Inventory = nameof(Access.Inventory);
    public const string Changes = nameof(Access.Changes);
    public const string DataCenters = nameof(Access.DataCenters);
    public const string Pools = nameof(Access.Pools);
    public const string Deadlines = nameof(Access.Deadlines);
    public const string Catalog = nameof(Access.Catalog);
    public const string Calendar = nameof(Access.Calendar);
    public const string Inbox = nameof(Access.Inbox);
    public const string Organisations = nameof(Access.Organisations);
    public const string Users = nameof(Access.Users);
    public const string AccountSecurity = nameof(Access.AccountSecurity);
    public const string Audit = nameof(Access.Audit);
    public const string People = nameof(Access.People);
    public const string Center = nameof(Access.Center);
    public const string Administrators = nameof(Access.Administrators);
    public const string CaseWorkers = nameof(Access.CaseWorkers);
    public const string Supervision = nameof(Access.Supervision);
    public const string DataAccess = nameof(Access.DataAccess);
    public const string Utilisation = nameof(Access.Utilisation);

    public static readonly IReadOnlyDictionary<string, Role[]> All = new Dictionary<string, Role[]>
    {
        [Systems] = Access.Systems, [Applications] = Access.Applications, [Inventory] = Access.Inventory, [Changes] = Access.Changes,
        [DataCenters] = Access.DataCenters, [Pools] = Access.Pools, [Deadlines] = Access.Deadlines, [Catalog] = Access.Catalog,
        [Calendar] = Access.Calendar, [Inbox] = Access.Inbox, [Organisations] = Access.Organisations, [Users] = Access.Users,
        [AccountSecurity] = Access.AccountSecurity, [Audit] = Access.Audit, [People] = Access.People, [CaseWorkers] = Access.CaseWorkers, [Center] = Access.Center, [Administrators] = Access.Administrators,
        [Supervision] = Access.Supervision, [DataAccess] = Access.DataAccess, [Utilisation] = Access.Utilisation,
    };
}
