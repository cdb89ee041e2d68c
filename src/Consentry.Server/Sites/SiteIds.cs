using System.Text.RegularExpressions;

namespace Consentry.Server.Sites;

/// <summary>The rule for site ids: they name the site in URLs (<c>/sites/&lt;id&gt;/banner.js</c>), the ledger and file names.</summary>
internal static partial class SiteIds
{
    /// <summary>Why <paramref name="id"/> cannot be a site id, or null when it can.</summary>
    public static string? Problem(string? id) =>
        string.IsNullOrEmpty(id) ? "a site id is required"
        : !Pattern().IsMatch(id) ? $"'{Shown(id)}' is not a site id: use 1 to 64 lower-case letters, digits and '-', starting and ending with a letter or digit (such as 'claimcmr' or 'acme-cloud')"
        : id == Audit.AuditTrail.SiteId ? $"'{id}' is reserved for the server's audit trail"
        : null;

    private static string Shown(string id) => id.Length > 40 ? id[..40] + "…" : id;

    [GeneratedRegex(@"\A[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
