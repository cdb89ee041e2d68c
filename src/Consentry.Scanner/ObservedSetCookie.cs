namespace Consentry.Scanner;

/// <summary>
/// A raw <c>Set-Cookie</c> header line a response carried, and whether the browser refused it; or a cookie a script
/// wrote (<c>document.cookie</c>, or <c>cookieStore.set</c> written as the equivalent line), see <see cref="Source"/>.
/// </summary>
/// <param name="Url">The response's address (a redirect's own address for a cookie set on a redirect); for a script's write, the page's.</param>
/// <param name="Name">The cookie's name.</param>
/// <param name="Line">The header line as sent.</param>
/// <param name="RequestedLifetimeSeconds">The lifetime the line asked for (Max-Age, or Expires against the response's Date); null for a session cookie. Chromium stores at most 400 days, so this can be longer than what the browser keeps.</param>
/// <param name="BlockedReasons">Chromium's reasons for refusing the cookie (e.g. <c>SameSiteNoneInsecure</c>); empty when it was stored.</param>
public sealed record ObservedSetCookie(string Url, string Name, string Line, double? RequestedLifetimeSeconds, IReadOnlyList<string> BlockedReasons)
{
    /// <summary>Where the line comes from: <c>header</c> (a response's Set-Cookie), <c>script</c> (document.cookie) or <c>cookieStore</c>.</summary>
    public string Source { get; init; } = "header";
}
