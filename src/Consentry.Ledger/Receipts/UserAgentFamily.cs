namespace Consentry.Ledger.Receipts;

/// <summary>Reduces a User-Agent header to a coarse browser family, so no fingerprintable detail is stored.</summary>
public static class UserAgentFamily
{
    /// <summary>Chrome, Firefox, Safari, Edge, Opera, Bot or Other for the header value <paramref name="userAgent"/> (Other when missing).</summary>
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return "Other";
        }

        bool Has(string s) => userAgent.Contains(s, StringComparison.OrdinalIgnoreCase);
        return Has("bot") || Has("crawler") || Has("spider") ? "Bot"
            : Has("Edg/") ? "Edge"
            : Has("OPR/") ? "Opera"
            : Has("Firefox/") ? "Firefox"
            : Has("Chrome/") || Has("Chromium/") ? "Chrome"
            : Has("Safari/") ? "Safari"
            : "Other";
    }
}
