namespace Consentry.Scanner;

/// <summary>A raw <c>Set-Cookie</c> header line a response carried, and whether the browser refused it.</summary>
/// <param name="Url">The response's address (a redirect's own address for a cookie set on a redirect).</param>
/// <param name="Name">The cookie's name.</param>
/// <param name="Line">The header line as sent.</param>
/// <param name="RequestedLifetimeSeconds">The lifetime the line asked for (Max-Age, or Expires against the response's Date); null for a session cookie. Chromium stores at most 400 days, so this can be longer than what the browser keeps.</param>
/// <param name="BlockedReasons">Chromium's reasons for refusing the cookie (e.g. <c>SameSiteNoneInsecure</c>); empty when it was stored.</param>
public sealed record ObservedSetCookie(string Url, string Name, string Line, double? RequestedLifetimeSeconds, IReadOnlyList<string> BlockedReasons);
