using Consentry.Diagnostics;

namespace Consentry.Manifests.Parsing;

/// <summary>The site's languages, its own words for the banner, and the check that its words exist in each of those languages.</summary>
internal sealed partial class ManifestParser
{
    /// <summary>'site.languages', each a language code; the site's languages must be ones Consentry has its words in.</summary>
    private List<string> Languages(MappingReader site, string language)
    {
        var languages = new List<string>();
        foreach (var l in site.StringList("languages"))
        {
            if (!MappingReader.LanguagePattern().IsMatch(l))
            {
                ctx.Error(DiagnosticCodes.InvalidValue, site.Get("languages")!, $"'{l}' in 'site.languages' is not a language code.", "Write codes such as 'en', 'de' or 'fr'.");
            }
            else if (!languages.Contains(l, StringComparer.OrdinalIgnoreCase) && !l.Equals(language, StringComparison.OrdinalIgnoreCase))
            {
                languages.Add(l);
            }
        }

        foreach (var (l, key) in languages.Select(l => (l, "languages")).Prepend((language, "language")).Where(x => !Localization.PolicyTexts.IsSupported(x.Item1)))
        {
            ctx.Error(DiagnosticCodes.LanguageWithoutText, site.Get(key)!, $"Consentry has no banner and policy text in '{l}' ('site.{key}'), so the policy could not be written in it.",
                $"Use one of {string.Join(", ", Localization.PolicyTexts.Languages)}.");
        }

        return languages;
    }

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
