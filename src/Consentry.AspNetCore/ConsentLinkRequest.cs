using Consentry.Regions;

namespace Consentry.AspNetCore;

/// <summary>A signed-in visitor's page load, as <see cref="IConsentLinks.LinkAsync"/> needs it.</summary>
public sealed record ConsentLinkRequest
{
    /// <summary>The longest <see cref="AccountId"/> accepted, in characters.</summary>
    public const int MaxAccountIdLength = 512;

    /// <summary>The host application's id of the signed-in account (any string; stored only as a keyed hash).</summary>
    public required string AccountId { get; init; }

    /// <summary>The values of the site's consent cookie the browser sent (raw, as in the Cookie header; at most two matter); empty when it has none.</summary>
    public IReadOnlyList<string> ConsentCookies { get; init; } = [];

    /// <summary>The page being loaded (absolute http(s) URL): a receipt names it without query or fragment, and its scheme and host decide the cookie's <c>Secure</c> and <c>Domain</c>.</summary>
    public required Uri PageUrl { get; init; }

    /// <summary>The browser's User-Agent header (only its family is recorded).</summary>
    public string? UserAgent { get; init; }

    /// <summary>Where the visitor is, when known (recorded in a receipt with the consent model it gives).</summary>
    public VisitorRegion? Region { get; init; }
}
