using Consentry.Classification;

namespace Consentry.Scanner.Catalogue;

/// <summary>
/// What a cookie or storage name is known to be: Consentry's own curated table first, then the Open
/// Cookie Database when one was given (exact names before prefixes and patterns, longest first).
/// </summary>
public sealed class CookieCatalogue
{
    private readonly Dictionary<string, CatalogueEntry> _exact = new(StringComparer.Ordinal);
    private readonly List<CatalogueEntry> _partial;

    private CookieCatalogue(IReadOnlyList<CatalogueEntry> database, string? description)
    {
        foreach (var e in database.Where(e => !e.IsPrefix && e.Pattern is null))
        {
            _exact.TryAdd(e.Name, e);
        }

        _partial = [.. database.Where(e => e.IsPrefix || e.Pattern is not null).OrderByDescending(e => e.Name.Length)];
        Description = description;
        DatabaseEntries = database.Count;
    }

    /// <summary>The <see cref="CatalogueEntry.Source"/> of entries from Consentry's own table.</summary>
    public const string OwnSource = "Consentry";

    /// <summary>Consentry's own table only.</summary>
    public static CookieCatalogue BuiltIn { get; } = new([], null);

    /// <summary>How many Open Cookie Database entries are loaded.</summary>
    public int DatabaseEntries { get; }

    /// <summary>Where the database came from, for the report's provenance; null without one.</summary>
    public string? Description { get; }

    /// <summary>Loads the Open Cookie Database CSV at <paramref name="path"/> on top of the curated table.</summary>
    /// <exception cref="FormatException">Not the database's CSV.</exception>
    public static CookieCatalogue Load(string path)
    {
        using var reader = new StreamReader(path);
        var contents = OpenCookieDatabase.Parse(reader, path);
        return new CookieCatalogue(contents.Entries, $"Open Cookie Database: {contents.Entries.Count} entries from {path} (modified {File.GetLastWriteTimeUtc(path):yyyy-MM-dd})");
    }

    /// <summary>The entry for a name seen on <paramref name="host"/> (a cookie's domain or a storage origin's host), or null.</summary>
    public CatalogueEntry? Find(string name, string? host = null)
    {
        if (KnownCookies.Find(name) is { } known)
        {
            return new CatalogueEntry(known.Name, known.IsPrefix, null, known.Provider, known.Category, OwnSource);
        }

        return _exact.TryGetValue(name, out var exact) ? exact : _partial.FirstOrDefault(e => e.Matches(name, host));
    }
}
