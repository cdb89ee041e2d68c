using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>An organisation whose service sets or reads items, e.g. PostHog, Stripe or Google.</summary>
public sealed record Provider
{
    /// <summary>The id items refer to, e.g. <c>posthog</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The name shown to visitors.</summary>
    public required string Name { get; init; }
    /// <summary>The provider's privacy or cookie policy.</summary>
    public Uri? PrivacyPolicy { get; init; }
    /// <summary>Hosts the provider's cookies live on (used by the scanner to attribute third-party cookies).</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
    /// <summary>Where the provider is declared.</summary>
    public required SourceLocation Location { get; init; }
}
