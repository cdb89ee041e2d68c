namespace Consentry.Manifests;

/// <summary>
/// A site's cookie manifest (<c>cookies.yaml</c>): the single source of truth from which the policy,
/// the banner configuration and the scanner's expectations are derived.
/// </summary>
public sealed record CookieManifest
{
    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }
    /// <summary>The site.</summary>
    public required SiteInfo Site { get; init; }
    /// <summary>All categories: the four built-in ones first, then the site's own, in manifest order.</summary>
    public required IReadOnlyList<CategoryDefinition> Categories { get; init; }
    /// <summary>Providers by declaration order.</summary>
    public IReadOnlyList<Provider> Providers { get; init; } = [];
    /// <summary>The declared items, in manifest order (variants inside their item).</summary>
    public IReadOnlyList<CookieItem> Items { get; init; } = [];
    /// <summary>Third parties whose own cookies the site does not control.</summary>
    public IReadOnlyList<ThirdPartyNotice> ThirdParties { get; init; } = [];
    /// <summary>Consent settings.</summary>
    public ConsentSettings Consent { get; init; } = new();
    /// <summary>Statements in the owner's words.</summary>
    public PolicyStatements Statements { get; init; } = new();
    /// <summary>
    /// The banner in the site's own words, by key (<c>title</c>, <c>body</c>, <c>accept_all</c>, <c>reject_all</c>,
    /// <c>customise</c>, <c>save</c>, <c>policy</c>, <c>always_on</c>, <c>gpc</c>, <c>allow_content</c>,
    /// <c>blocked_content</c>, <c>close</c>, <c>renewed</c>); a key not given keeps Consentry's words.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText> BannerTexts { get; init; } = new Dictionary<string, LocalizedText>();
    /// <summary>The consent model by region (the manifest's <c>regions</c>), in manifest order; empty: opt-in everywhere.</summary>
    public IReadOnlyList<Regions.RegionRule> Regions { get; init; } = [];
    /// <summary>The change history, oldest first.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Every item and every variant as an item of its own.</summary>
    public IEnumerable<CookieItem> AllItems => Items.SelectMany(i => i.Expand());

    /// <summary>The revision: how many material entries the history has.</summary>
    public int Revision => History.Count(h => h.Material);

    /// <summary>"Last updated": the date of the newest material history entry, or null with no history.</summary>
    public DateOnly? LastUpdated => History.Where(h => h.Material).Select(h => (DateOnly?)h.Date).Max();

    /// <summary>True when any item needs consent, so a banner must be shown.</summary>
    public bool BannerRequired => Items.Any(RequiresConsent);

    /// <summary>
    /// The categories the banner offers, in manifest order: the strictly necessary ones (shown locked), and the
    /// others only when at least one of their items needs consent. Receipts may name these and no others.
    /// </summary>
    public IEnumerable<CategoryDefinition> OfferedCategories =>
        Categories.Where(c => !c.ConsentRequired || AllItems.Any(i => i.Category == c.Id && RequiresConsent(i)));

    /// <summary>The providers with at least one item that needs consent, in manifest order: those a visitor grants or refuses.</summary>
    public IEnumerable<Provider> ProvidersNeedingConsent => Providers.Where(p => AllItems.Any(i => i.Provider == p.Id && RequiresConsent(i)));

    /// <summary>
    /// The consent model a visitor from <paramref name="region"/> gets: the most specific rule of <see cref="Regions"/>
    /// (subdivision, a group holding it, country, a group holding it); opt-in where none applies or the region is
    /// unknown (null); the strictest of a country's models when the rules split it and the subdivision is unknown.
    /// </summary>
    public Regions.ConsentModel ConsentModelFor(Regions.VisitorRegion? region) => Consentry.Regions.RegionResolver.ModelFor(Regions, region);

    /// <summary>The category with this id, or null.</summary>
    public CategoryDefinition? FindCategory(string id) =>
        Categories.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    /// <summary>The provider with this id, or null.</summary>
    public Provider? FindProvider(string? id) => id is null ? null :
        Providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>True when storing the item needs the visitor's consent.</summary>
    public bool RequiresConsent(CookieItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.ConsentExempt == ConsentExemption.None && (FindCategory(item.Category)?.ConsentRequired ?? true);
    }
}
