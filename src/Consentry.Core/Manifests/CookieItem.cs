using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>One cookie or browser-storage key the site declares.</summary>
public sealed record CookieItem
{
    /// <summary>The name; for <see cref="NameMatch.Prefix"/> items, the prefix without the star.</summary>
    public required string Name { get; init; }
    /// <summary>Exact name or prefix.</summary>
    public NameMatch Match { get; init; }
    /// <summary>Cookie, localStorage, sessionStorage, IndexedDB, Cache Storage or a service worker.</summary>
    public StorageType Storage { get; init; }
    /// <summary>The category id, e.g. <c>necessary</c> or <c>analytics</c>.</summary>
    public required string Category { get; init; }
    /// <summary>Why the item exists, in words a visitor understands.</summary>
    public LocalizedText? Purpose { get; init; }
    /// <summary>How long it lives.</summary>
    public required CookieDuration Duration { get; init; }
    /// <summary>Optional words after the duration, e.g. "or until logout".</summary>
    public LocalizedText? DurationNote { get; init; }
    /// <summary>The provider id (see <see cref="CookieManifest.Providers"/>), or null for the site itself.</summary>
    public string? Provider { get; init; }
    /// <summary>First or third party.</summary>
    public Party Party { get; init; }
    /// <summary>Expected cookie attributes.</summary>
    public CookieAttributes Attributes { get; init; } = CookieAttributes.None;
    /// <summary>Environments where the item exists (e.g. <c>production</c>); empty means everywhere.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];
    /// <summary>Other names the same item takes in other environments.</summary>
    public IReadOnlyList<ItemVariant> Variants { get; init; } = [];
    /// <summary>A documented reason the item needs no consent although its category would.</summary>
    public ConsentExemption ConsentExempt { get; init; }
    /// <summary>For an item produced from a variant, the name of the item it varies; otherwise null.</summary>
    public string? VariantOf { get; init; }
    /// <summary>Where the item is declared.</summary>
    public required SourceLocation Location { get; init; }
    /// <summary>Where each of the item's keys (and <c>attributes.*</c> keys) has its value, for precise diagnostics.</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>Where the value of <paramref name="key"/> is (e.g. <c>category</c>, <c>attributes.domain</c>), else the item's start.</summary>
    public SourceLocation LocationOf(string key) => KeyLocations.TryGetValue(key, out var at) ? at : Location;

    /// <summary>The name as written in the manifest: <c>ph_*</c> for a prefix.</summary>
    public string DisplayName => Match == NameMatch.Prefix ? Name + "*" : Name;

    /// <summary>True when <paramref name="observedName"/> is this item's name (or starts with its prefix).</summary>
    public bool Matches(string observedName) => Match == NameMatch.Prefix
        ? observedName.StartsWith(Name, StringComparison.Ordinal)
        : string.Equals(observedName, Name, StringComparison.Ordinal);

    /// <summary>The item and then one item per variant, each variant inheriting what it does not restate.</summary>
    public IEnumerable<CookieItem> Expand()
    {
        yield return this;
        foreach (var v in Variants)
        {
            yield return this with
            {
                Name = v.Name,
                Match = v.Match,
                Attributes = Attributes.With(v.Attributes),
                Environments = v.Environments,
                Purpose = v.Purpose ?? Purpose,
                Duration = v.Duration ?? Duration,
                Variants = [],
                VariantOf = DisplayName,
                Location = v.Location,
                KeyLocations = v.KeyLocations,
            };
        }
    }
}
