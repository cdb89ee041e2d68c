namespace Consentry.Server.Api;

/// <summary>
/// A signed-in visitor's page load on a site of any stack, for consent that follows the account: the host's account id,
/// the values of the site's consent cookie the browser sent (at most two), the page's absolute URL, and optionally the
/// browser's User-Agent and the visitor's region (<c>FR</c>, <c>US-CA</c>).
/// </summary>
internal sealed record AccountLinkRequest(string? AccountId, string[]? ConsentCookies, string? PageUrl, string? UserAgent = null, string? Region = null);
