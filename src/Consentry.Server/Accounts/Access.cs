using System.Security.Claims;

namespace Consentry.Server.Accounts;

/// <summary>
/// Who may do what, for signed-in accounts (by role) and API keys (by access level and sites) alike:
/// the one place the UI and the API ask.
/// </summary>
internal static class Access
{
    /// <summary>The authentication scheme of API keys.</summary>
    public const string KeyScheme = "ApiKey";

    /// <summary>The authentication scheme of the admin UI's sign-in cookie.</summary>
    public const string CookieScheme = "ConsentryAdmin";

    /// <summary>A key's access level claim.</summary>
    public const string AccessClaim = "consentry:access";

    /// <summary>A key's site scope claim (comma-separated ids, or <c>*</c>).</summary>
    public const string SitesClaim = "consentry:sites";

    /// <summary>The claim of a session whose one-time password must be replaced before anything else.</summary>
    public const string MustChangeClaim = "consentry:must-change-password";

    /// <summary>The UI policy every admin page needs: a signed-in account of any role.</summary>
    public const string AnyAccount = "AnyAccount";

    /// <summary>The UI policy of pages that change things: an admin account.</summary>
    public const string AdminAccount = "AdminAccount";

    public static bool IsAdmin(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.FindFirstValue(AccessClaim) == ApiKey.Admin;

    public static bool CanRead(ClaimsPrincipal user, string site) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor) || (user.FindFirstValue(AccessClaim) is not null && InScope(user, site));

    public static bool CanWrite(ClaimsPrincipal user, string site) =>
        user.IsInRole(Roles.Admin) || (user.FindFirstValue(AccessClaim) is ApiKey.Write or ApiKey.Admin && InScope(user, site));

    /// <summary>Reading what is not one site's: the audit trail (admins and auditors; admin keys).</summary>
    public static bool CanAudit(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor) || user.FindFirstValue(AccessClaim) == ApiKey.Admin;

    /// <summary>How the audit trail names the caller: the account's e-mail, or <c>key:&lt;id&gt;</c>.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    private static bool InScope(ClaimsPrincipal user, string site) =>
        user.FindFirstValue(SitesClaim) is { } sites && (sites == "*" || sites.Split(',').Contains(site, StringComparer.Ordinal));
}
