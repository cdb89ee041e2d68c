using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>
/// Another name the same item takes in some environments, e.g. <c>authjs.session-token</c> in
/// development for <c>__Secure-authjs.session-token</c> in production.
/// </summary>
public sealed record ItemVariant
{
    /// <summary>The variant's name (prefix without the star).</summary>
    public required string Name { get; init; }
    /// <summary>Exact name or prefix.</summary>
    public NameMatch Match { get; init; }
    /// <summary>The environments this variant is used in.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];
    /// <summary>Attributes that differ from the main item's.</summary>
    public CookieAttributes? Attributes { get; init; }
    /// <summary>A purpose that differs from the main item's.</summary>
    public LocalizedText? Purpose { get; init; }
    /// <summary>A duration that differs from the main item's.</summary>
    public CookieDuration? Duration { get; init; }
    /// <summary>Where the variant is declared.</summary>
    public required SourceLocation Location { get; init; }
    /// <summary>Where each of the variant's keys has its value.</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();
}
