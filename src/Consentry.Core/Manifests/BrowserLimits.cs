namespace Consentry.Manifests;

/// <summary>Limits browsers put on what sites store (RFC 6265bis), which manifests and scans are checked against.</summary>
public static class BrowserLimits
{
    /// <summary>Browsers keep a cookie at most 400 days; a longer Max-Age or Expires is cut to it.</summary>
    public static readonly TimeSpan MaxCookieLifetime = TimeSpan.FromDays(400);
}
