using System.Text.Json;
using System.Text.RegularExpressions;
using Consentry.Core.Tests.Manifests;
using Consentry.Policy;

namespace Consentry.Core.Tests.Policy;

/// <summary>Every built-in language says everything the English text says, with its own plural forms and direction.</summary>
public sealed partial class LanguageTests
{
    private static readonly string Resources = Path.Combine(RepoPaths.Root, "src", "Consentry.Core", "Resources");

    private static Dictionary<string, string> Texts(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Resources, $"texts_{language}.json")))!;

    public static TheoryData<string> Languages() => [.. PolicyRenderer.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguageHasEveryKeyTheEnglishTextHasWithItsPlaceholders(string language)
    {
        var english = Texts("en");
        var texts = Texts(language);
        Assert.Empty(english.Keys.Except(texts.Keys).Select(k => $"{language} lacks '{k}'"));
        Assert.Empty(texts.Keys.Except(english.Keys).Where(k => !PluralKey().IsMatch(k)).Select(k => $"{language} has '{k}', which English has not"));
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"{language} '{t.Key}' is empty"));
        foreach (var (key, text) in texts.Where(t => !t.Key.StartsWith("unit_", StringComparison.Ordinal)))
        {
            Assert.True(Placeholders(english[key]).SetEquals(Placeholders(text)), $"{language} '{key}' has placeholders {string.Join(",", Placeholders(text))}, English {string.Join(",", Placeholders(english[key]))}");
        }

        // A unit may spell one and two out (Arabic: "يومان", two days); every other form shows the number.
        Assert.All(texts.Where(t => t.Key.StartsWith("unit_", StringComparison.Ordinal) && !t.Key.EndsWith("_one", StringComparison.Ordinal) && !t.Key.EndsWith("_two", StringComparison.Ordinal)),
            t => Assert.Contains("{n}", t.Value, StringComparison.Ordinal));
        Assert.Equal(12, texts["months"].Split(',').Length);
    }

    [Fact]
    public void EveryTextFileIsAnOfferedLanguage()
    {
        var files = Directory.GetFiles(Resources, "texts_*.json").Select(f => Path.GetFileNameWithoutExtension(f)["texts_".Length..]);
        Assert.Equal(PolicyRenderer.Languages.Order(), files.Order());
        Assert.Equal(["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "ar"], PolicyRenderer.Languages);
    }

    [Theory]
    [InlineData("pl", "1d", "1 dzień")]
    [InlineData("pl", "2d", "2 dni")]
    [InlineData("pl", "2y", "2 lata")]
    [InlineData("pl", "5y", "5 lat")]
    [InlineData("pl", "12y", "12 lat")]
    [InlineData("pl", "22y", "22 lata")]
    [InlineData("ar", "1d", "يوم واحد")]
    [InlineData("ar", "2d", "يومان")]
    [InlineData("ar", "3d", "3 أيام")]
    [InlineData("ar", "11d", "11 يومًا")]
    [InlineData("ar", "100d", "100 يوم")]
    [InlineData("es", "1d", "1 día")]
    [InlineData("es", "30d", "30 días")]
    public void DurationsTakeTheLanguagesPluralForm(string language, string duration, string expected)
    {
        var manifest = ManifestText.Valid(ManifestText.With($"""
              - name: pref
                type: localStorage
                category: necessary
                purpose: x
                duration: {duration}
            """));
        var json = JsonDocument.Parse(PolicyRenderer.Render(manifest, PolicyFormat.Json, language)).RootElement;
        var durations = json.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray())
            .Where(i => i.GetProperty("name").GetString() == "pref").Select(i => i.GetProperty("duration").GetProperty("text").GetString());
        Assert.Equal(expected, Assert.Single(durations));
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("en", "ltr")]
    [InlineData("pl", "ltr")]
    public void PoliciesSayWhichWayTheirLanguageIsWritten(string language, string direction)
    {
        var manifest = ManifestText.Valid(ManifestText.With());
        Assert.Contains($"<html lang=\"{language}\" dir=\"{direction}\">", PolicyRenderer.Render(manifest, PolicyFormat.Html, language), StringComparison.Ordinal);
        Assert.StartsWith($"<section class=\"consentry-policy\" lang=\"{language}\" dir=\"{direction}\"", PolicyRenderer.Render(manifest, PolicyFormat.HtmlFragment, language), StringComparison.Ordinal);
    }

    [Fact]
    public void TheBannerCarriesTheSitesLanguagesEnglishAndTheVisitorsOnly()
    {
        var manifest = ManifestText.Valid(ManifestText.With().Replace("  name: Test\n", "  name: Test\n  language: de\n  languages: [ar, de]\n", StringComparison.Ordinal));
        Assert.Equal(["ar"], manifest.Site.Languages);
        static string Languages(string config) => string.Join(",", JsonDocument.Parse(config).RootElement.GetProperty("texts").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("ar,de,en,pl", Languages(Consentry.Banner.BannerConfigWriter.Write(manifest, "/policy", null, null, null, ["pl-PL", "tlh"])));
        Assert.Equal("ar,de,en", Languages(Consentry.Banner.BannerConfigWriter.Write(manifest, "/policy", null, null, null, [])));
        Assert.Equal(string.Join(",", PolicyRenderer.Languages.Order(StringComparer.Ordinal)), Languages(Consentry.Banner.BannerConfigWriter.Write(manifest, "/policy")));
    }

    [Theory]
    [InlineData("  language: ja\n", "CN0122", 4, "Use one of en, de, fr")]
    [InlineData("  languages: [de, tlh]\n", "CN0122", 4, "Use one of en, de, fr")]
    [InlineData("  languages: [de, 'not a code']\n", "CN0005", 4, "Write codes such as")]
    public void ASiteLanguageConsentryHasNoWordsInIsALocatedError(string line, string code, int lineNumber, string fix)
    {
        var result = ManifestText.Load(ManifestText.With().Replace("  name: Test\n", "  name: Test\n" + line, StringComparison.Ordinal));
        var d = ManifestText.Single(result, code);
        Assert.Equal(Consentry.Diagnostics.Severity.Error, d.Severity);
        Assert.Equal(lineNumber, d.Location.Line);
        Assert.Contains(fix, d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBannerSpeaksTheSitesOwnWordsAndWarnsOfALanguageTheyLack()
    {
        var text = ManifestText.With(extra: """
            banner:
              reject_all: { en: No thanks, de: Nein danke }
              title: Cookies at {site}
            """).Replace("  name: Test\n", "  name: Test\n  languages: [de]\n", StringComparison.Ordinal);
        var result = ManifestText.Load(text);
        var warning = ManifestText.Single(result, "CN0123");
        Assert.Equal(Consentry.Diagnostics.Severity.Warning, warning.Severity);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("title: Cookies at", StringComparison.Ordinal)) + 1, warning.Location.Line);
        Assert.Contains("'banner.title' has no text in 'de'", warning.Message, StringComparison.Ordinal);

        var texts = JsonDocument.Parse(Consentry.Banner.BannerConfigWriter.Write(result.Manifest!, "/policy", null, null, null, [])).RootElement.GetProperty("texts");
        Assert.Equal("No thanks", texts.GetProperty("en").GetProperty("reject_all").GetString());
        Assert.Equal("Nein danke", texts.GetProperty("de").GetProperty("reject_all").GetString());
        Assert.Equal("Cookies at Test", texts.GetProperty("de").GetProperty("title").GetString());
        Assert.Equal("Alle akzeptieren", texts.GetProperty("de").GetProperty("accept_all").GetString());
    }

    [Fact]
    public void AnUnknownBannerTextIsAnError()
    {
        var result = ManifestText.Load(ManifestText.With(extra: "banner:\n  buttons: Yes\n"));
        Assert.Contains(result.Diagnostics, d => d.Severity == Consentry.Diagnostics.Severity.Error && d.Message.Contains("buttons", StringComparison.Ordinal));
    }

    [Fact]
    public void ANewRevisionSaysWhatChangedWhenItAsksAgain()
    {
        static JsonElement English(string history) =>
            JsonDocument.Parse(Consentry.Banner.BannerConfigWriter.Write(ManifestText.Valid(ManifestText.With().Replace("""
                history:
                  - date: 2026-01-02
                    summary: First.
                """, history, StringComparison.Ordinal)), "/policy")).RootElement.GetProperty("texts").GetProperty("en");
        var second = English("""
            history:
              - date: 2026-01-02
                summary: First.
              - date: 2026-03-04
                summary: Analytics now needs your consent.
              - date: 2026-03-05
                material: false
                summary: Typo fixed.
            """);
        Assert.Equal("What changed since you last chose: Analytics now needs your consent.", second.GetProperty("renewed").GetString());
        Assert.False(English("""
            history:
              - date: 2026-01-02
                summary: First.
            """).TryGetProperty("renewed", out _));
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^unit_[a-z]+_(zero|two|few|many)$")]
    private static partial Regex PluralKey();
}
