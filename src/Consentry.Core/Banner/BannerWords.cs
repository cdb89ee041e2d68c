using Consentry.Localization;

namespace Consentry.Banner;

/// <summary>Consentry's own banner words, for tools that look for the banner on a page (the scanner).</summary>
public static class BannerWords
{
    /// <summary>
    /// The built-in text of a banner key (<c>accept_all</c>, <c>reject_all</c>, <c>customise</c>, …) in every built-in
    /// language, by language code.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No banner text has that key.</exception>
    public static IReadOnlyDictionary<string, string> InEveryLanguage(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return PolicyTexts.Languages.ToDictionary(l => l, l => PolicyTexts.For(l)["banner_" + key], StringComparer.Ordinal);
    }
}
