using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>
/// Cookies a third party sets on its own pages or domains, which the site does not control
/// (e.g. Google during OAuth sign-in, Stripe-hosted Checkout).
/// </summary>
public sealed record ThirdPartyNotice
{
    /// <summary>The provider id.</summary>
    public required string Provider { get; init; }
    /// <summary>When the visitor meets these cookies, e.g. "When you sign in with Google".</summary>
    public required LocalizedText When { get; init; }
    /// <summary>Where the notice is declared.</summary>
    public required SourceLocation Location { get; init; }
}
