using Consentry.Diagnostics;

namespace Consentry.Manifests.Parsing;

/// <summary>The banner in the site's own words, and the check that such words exist in every language the site uses.</summary>
internal sealed partial class ManifestParser
{
    private Dictionary<string, LocalizedText> ParseBanner(MappingReader root)
    {
        var texts = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var banner = root.Mapping("banner", "'banner'", ManifestKeys.Banner);
        if (banner is null)
        {
            return texts;
        }

        foreach (var key in ManifestKeys.Banner)
        {
            if (InEveryLanguage(banner, key, "banner." + key) is { } text)
            {
                texts[key] = text;
            }
        }

        return texts;
    }

    /// <summary>
    /// The site's text under <paramref name="key"/>; a located warning for each language the site's pages are in
    /// that the text lacks (those pages show it in the site's own language).
    /// </summary>
    private LocalizedText? InEveryLanguage(MappingReader reader, string key, string path)
    {
        if (reader.Text(key) is not { } text)
        {
            return null;
        }

        var missing = ctx.SiteLanguages.Where(l => !text.Translations.ContainsKey(l)).ToList();
        if (missing.Count > 0)
        {
            ctx.Warn(DiagnosticCodes.TextMissingLanguage, reader.Get(key)!,
                $"'{path}' has no text in {string.Join(", ", missing.Select(l => $"'{l}'"))}: pages in {(missing.Count == 1 ? "that language" : "those languages")} show it in '{text.DefaultLanguage}'.",
                $"Write it as a mapping with every language the site uses: {string.Join(", ", ctx.SiteLanguages.Select(l => l + ": …"))}.");
        }

        return text;
    }
}
