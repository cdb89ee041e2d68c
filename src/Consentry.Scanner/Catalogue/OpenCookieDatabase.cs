using System.Text.RegularExpressions;
using Consentry.Manifests;

namespace Consentry.Scanner.Catalogue;

/// <summary>
/// Reads the Open Cookie Database CSV (Apache-2.0, jkwakman/Open-Cookie-Database), which Consentry
/// downloads or imports at run time and never ships. Columns are found by their header names; rows it
/// cannot use are counted, not fatal; a file with no usable row is not an Open Cookie Database.
/// </summary>
public static class OpenCookieDatabase
{
    /// <summary>Where real installations download it from.</summary>
    public const string DefaultUrl = "https://raw.githubusercontent.com/jkwakman/Open-Cookie-Database/master/open-cookie-database.csv";

    /// <summary>The cache file's name in the data folder.</summary>
    public const string CacheFileName = "open-cookie-database.csv";

    private const string NameColumn = "Cookie / Data Key name";

    /// <summary>What a database file held.</summary>
    /// <param name="Entries">The entries read.</param>
    /// <param name="Skipped">Rows that could not be used (no name, an unknown category).</param>
    public sealed record Contents(IReadOnlyList<CatalogueEntry> Entries, int Skipped);

    /// <exception cref="FormatException">Not an Open Cookie Database CSV, with what is missing.</exception>
    public static Contents Parse(TextReader reader, string source)
    {
        using var rows = CsvReader.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new FormatException($"{source}: the file is empty, not the Open Cookie Database CSV.");
        }

        var header = rows.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        int Column(string name) => header.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        var (platform, category, name, wildcard, domain) = (Column("Platform"), Column("Category"), Column(NameColumn), Column("Wildcard match"), Column("Domain"));
        var missing = new[] { ("Platform", platform), ("Category", category), (NameColumn, name), ("Wildcard match", wildcard) }.Where(c => c.Item2 < 0).Select(c => $"'{c.Item1}'").ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{source}:1: the header lacks the column(s) {string.Join(", ", missing)}, so this is not the Open Cookie Database CSV (its header starts 'ID,Platform,Category,{NameColumn},…').");
        }

        var entries = new List<CatalogueEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        var width = new[] { platform, category, name, wildcard }.Max() + 1;
        while (rows.MoveNext())
        {
            var f = rows.Current.Fields;
            if (f.Count == 1 && f[0].Length == 0)
            {
                continue;
            }

            var mapped = f.Count >= width ? MapCategory(f[category]) : null;
            var key = f.Count >= width ? f[name].Trim() : "";
            if (mapped is null || key.Length == 0)
            {
                skipped++;
                continue;
            }

            var isPrefix = f[wildcard].Trim() == "1";
            if (!seen.Add((isPrefix ? "*" : "") + key))
            {
                continue;
            }

            entries.Add(new CatalogueEntry(key, isPrefix, PatternOf(key), f[platform].Trim(), mapped, "Open Cookie Database")
            {
                Host = domain >= 0 && domain < f.Count ? HostOf(f[domain]) : null,
            });
        }

        if (entries.Count == 0)
        {
            throw new FormatException($"{source}: no usable row ({skipped} skipped): not the Open Cookie Database CSV.");
        }

        return new Contents(entries, skipped);
    }

    /// <summary>The database's categories in Consentry's terms; null for one it does not know.</summary>
    internal static string? MapCategory(string category) => category.Trim().ToLowerInvariant() switch
    {
        "necessary" or "security" => BuiltInCategories.Necessary,
        "functional" or "personalization" or "preferences" => BuiltInCategories.Functional,
        "analytics" or "statistics" => BuiltInCategories.Analytics,
        "marketing" or "advertising" => BuiltInCategories.Marketing,
        _ => null,
    };

    /// <summary>The host a Domain cell names ("adform.net (3rd party)", ".ml314.com"), or null for none or a placeholder.</summary>
    internal static string? HostOf(string cell)
    {
        var host = cell.Replace("(3rd party)", "", StringComparison.OrdinalIgnoreCase).Trim().Trim('"').Trim().TrimStart('.');
        return host.Length > 0 && host.Contains('.', StringComparison.Ordinal) && !host.Contains('[', StringComparison.Ordinal) && !host.Contains(' ', StringComparison.Ordinal) ? host.ToLowerInvariant() : null;
    }

    /// <summary>Some names hold placeholders (<c>_ga_*</c>, <c>pvc_visits[0]</c>, <c>ads-[account]</c>): match them as patterns.</summary>
    private static Regex? PatternOf(string name)
    {
        if (!name.Contains('*', StringComparison.Ordinal) && !name.Contains('[', StringComparison.Ordinal))
        {
            return null;
        }

        var pattern = Regex.Replace(Regex.Escape(name), @"\\\*|\\\[[^\]]*]", ".+");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
