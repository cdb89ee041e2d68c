using System.Text.RegularExpressions;

namespace Consentry.Scanner.Catalogue;

/// <summary>
/// A cookie or storage name the catalogue knows: exact, a prefix, or a pattern (<c>*</c> and <c>[…]</c>
/// placeholders). A prefix or pattern that the database ties to a host (e.g. <c>tp</c> on
/// <c>.t.tailtarget.com</c>) only matches cookies of that host: short prefixes would otherwise claim
/// half the web's names.
/// </summary>
internal sealed record CatalogueEntry(string Name, bool IsPrefix, Regex? Pattern, string Provider, string Category, string Source)
{
    /// <summary>The host a prefix or pattern is limited to, without a leading dot; null when any.</summary>
    public string? Host { get; init; }

    /// <summary>Where the entry comes from, as a report names it.</summary>
    public string SourceName => Source == CookieCatalogue.OwnSource ? "Consentry's table" : "the Open Cookie Database";

    public bool Matches(string name, string? host)
    {
        if (Pattern is null && !IsPrefix)
        {
            return name == Name;
        }

        if (Host is not null && (host is null || !(host.TrimStart('.').Equals(Host, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + Host, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        return Pattern?.IsMatch(name) ?? name.StartsWith(Name, StringComparison.Ordinal);
    }
}
