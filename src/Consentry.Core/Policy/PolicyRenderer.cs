using Consentry.Localization;
using Consentry.Manifests;
using Consentry.Policy.Rendering;

namespace Consentry.Policy;

/// <summary>Renders a manifest's cookie policy.</summary>
public static class PolicyRenderer
{
    /// <summary>The languages with built-in policy text.</summary>
    public static IReadOnlyList<string> Languages => PolicyTexts.Languages;

    /// <summary>
    /// Renders the policy of <paramref name="manifest"/> in <paramref name="format"/> and
    /// <paramref name="language"/> (default: the manifest's own language).
    /// </summary>
    /// <exception cref="ArgumentException">The language has no built-in text.</exception>
    public static string Render(CookieManifest manifest, PolicyFormat format, string? language = null) => Render(manifest, format, language, null);

    /// <summary>
    /// Renders the policy as <see cref="Render(CookieManifest, PolicyFormat, string?)"/> does; the JSON format also
    /// carries <paramref name="logKey"/>, the verifier key of the site's transparency log (<c>logKey</c>), so whoever
    /// reads the policy can check the signed checkpoints of its consent ledger. Other formats ignore it.
    /// </summary>
    /// <exception cref="ArgumentException">The language has no built-in text.</exception>
    public static string Render(CookieManifest manifest, PolicyFormat format, string? language, string? logKey)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var lang = language ?? manifest.Site.Language;
        if (format == PolicyFormat.Json)
        {
            return JsonPolicyWriter.Write(manifest, PolicyTexts.For(lang), logKey);
        }

        var document = PolicyBuilder.Build(manifest, lang);
        return format switch
        {
            PolicyFormat.Html => HtmlPolicyWriter.Write(document, standalone: true),
            PolicyFormat.HtmlFragment => HtmlPolicyWriter.Write(document, standalone: false),
            PolicyFormat.Markdown => MarkdownPolicyWriter.Write(document),
            _ => TextPolicyWriter.Write(document),
        };
    }

    /// <summary>A date as the policy writes it in <paramref name="language"/> (November 30, 2026; 30. November 2026; 30 listopada 2026).</summary>
    /// <exception cref="ArgumentException">The language has no built-in text.</exception>
    public static string FormatDate(DateOnly date, string language) => PolicyTexts.For(language).Date(date);

    /// <summary><c>rtl</c> for a language written right to left (Arabic), else <c>ltr</c>: the <c>dir</c> of a document in it.</summary>
    /// <exception cref="ArgumentException">The language has no built-in text.</exception>
    public static string Direction(string language) => PolicyTexts.For(language).Direction;

    /// <summary>The derived sentence about the banner in <paramref name="language"/>: no consent prompt when only strictly necessary items exist.</summary>
    public static string BannerStatement(CookieManifest manifest, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return PolicyBuilder.BannerStatement(manifest, PolicyTexts.For(language ?? manifest.Site.Language));
    }
}
