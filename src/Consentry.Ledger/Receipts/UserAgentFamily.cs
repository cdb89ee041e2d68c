namespace Consentry.Ledger.Receipts;

/// <summary>Reduces a User-Agent header to a coarse browser family, so no fingerprintable detail is stored.</summary>
internal static class UserAgentFamily
{
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
