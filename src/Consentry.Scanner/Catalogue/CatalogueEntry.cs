using System.Text.RegularExpressions;
using Consentry.Domains;

namespace Consentry.Scanner.Catalogue;

/// <summary>
/// A cookie or storage name the catalogue knows: exact, a prefix, or a pattern (<c>*</c> and <c>[…]</c>
/// placeholders). A prefix or pattern that the database ties to a host (e.g. <c>tp</c> on
/// <c>.t.tailtarget.com</c>) only matches cookies of that host: short prefixes would otherwise claim
/// half the web's names.
/// </summary>
/// <param name="Name">The name, or its prefix.</param>
/// <param name="IsPrefix">Whether <paramref name="Name"/> is a prefix.</param>
/// <param name="Pattern">The pattern for names with placeholders; null otherwise.</param>
/// <param name="Provider">Who sets it.</param>
/// <param name="Category">Its category id (necessary, functional, analytics, marketing).</param>
/// <param name="Source">The table it comes from.</param>
public sealed record CatalogueEntry(string Name, bool IsPrefix, Regex? Pattern, string Provider, string Category, string Source)
{
    /// <summary>The host a prefix or pattern is limited to, without a leading dot; null when any.</summary>
    public string? Host { get; init; }

    /// <summary>Where the entry comes from, as a report names it.</summary>
    public string SourceName => Source == CookieCatalogue.OwnSource ? "Consentry's table" : "the Open Cookie Database";

    /// <summary>Whether a cookie called <paramref name="name"/>, set for <paramref name="host"/>, is this entry.</summary>
    public bool Matches(string name, string? host)
    {
        if (Pattern is null && !IsPrefix)
        {
            return name == Name;
        }

        if (Host is not null && (host is null || !DomainNames.IsWithin(host.TrimStart('.'), Host)))
        {
            return false;
        }

        return Pattern?.IsMatch(name) ?? name.StartsWith(Name, StringComparison.Ordinal);
    }
}
