using System.Text.Json;
using Consentry.Core.Tests.Manifests;
using Consentry.Policy;

namespace Consentry.Core.Tests.Policy;

public sealed class PolicyRenderingTests
{
    private const string Hostile = """
          - name: x<b>
            type: localStorage
            category: necessary
            purpose: "<script>alert(1)</script> **bold** [link](javascript:alert(1)) | pipe"
            duration: 1d
        """;

    [Theory]
    [InlineData("en", "Cache Storage", "Service worker")]
    [InlineData("de", "Cache Storage", "Service Worker")]
    [InlineData("fr", "Cache Storage", "Service worker")]
    public void EveryStorageTypeIsNamedInEveryLanguage(string language, string cache, string worker)
    {
        var items = string.Concat(Consentry.Manifests.StorageTypes.All.Select(t => $"""
              - name: item-{t}
                type: {t}
                category: necessary
                purpose: x
                duration: 1d

            """));
        var text = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With(items)), PolicyFormat.Text, language);
        Assert.Contains(cache, text, StringComparison.Ordinal);
        Assert.Contains(worker, text, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlPageIsAStandaloneAccessibleDocument()
    {
        var html = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With()), PolicyFormat.Html);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"consentry-policy\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"consentry-policy-title\">Cookie Policy</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Purpose</th>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-01-02\">January 2, 2026</time>", html, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme:dark", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlFragmentEmbedsWithoutPageChromeAndStartsAtH2()
    {
        var html = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With()), PolicyFormat.HtmlFragment);
        Assert.StartsWith("<section class=\"consentry-policy\" lang=\"en\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"consentry-policy-title\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlEscapesEveryManifestString()
    {
        var m = ManifestText.Valid(ManifestText.With(Hostile).Replace("name: Test", "name: \"A&B <Corp>\"", StringComparison.Ordinal));
        foreach (var format in new[] { PolicyFormat.Html, PolicyFormat.HtmlFragment })
        {
            var html = PolicyRenderer.Render(m, format);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<Corp>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("x&lt;b&gt;", html, StringComparison.Ordinal);
            Assert.Contains("A&amp;B &lt;Corp&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MarkdownEscapesManifestTextSoItCannotInjectMarkup()
    {
        var md = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With(Hostile)), PolicyFormat.Markdown);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("[link](javascript", md, StringComparison.Ordinal);
        Assert.Contains(@"\*\*bold\*\*", md, StringComparison.Ordinal);
        Assert.Contains(@"\| pipe", md, StringComparison.Ordinal);
        Assert.Contains("| Name | Type | Purpose | Provider | Duration |", md, StringComparison.Ordinal);
        Assert.Contains("`x<b>`", md, StringComparison.Ordinal);
    }

    [Fact]
    public void TextIsPlainWithNoMarkup()
    {
        var text = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With()), PolicyFormat.Text);
        Assert.StartsWith("Cookie Policy\n=============\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text.Replace("<https://", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("  * session\n      Type: Cookie\n      Purpose: Keeps you signed in.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonFollowsTheDocumentedSchema()
    {
        var m = ManifestText.Valid(ManifestText.With("""
              - name: ph_*
                category: analytics
                purpose: Analytics.
                duration: 1y
            """, "consent: { cookie: session, lifetime: 6mo }"));
        using var doc = JsonDocument.Parse(PolicyRenderer.Render(m, PolicyFormat.Json));
        var root = doc.RootElement;
        Assert.Equal("consentry-policy/1", root.GetProperty("schema").GetString());
        Assert.Equal(1, root.GetProperty("revision").GetInt32());
        Assert.Equal("2026-01-02", root.GetProperty("lastUpdated").GetString());
        Assert.True(root.GetProperty("bannerRequired").GetBoolean());
        Assert.Equal("session", root.GetProperty("consent").GetProperty("cookie").GetString());
        Assert.Equal(15552000, root.GetProperty("consent").GetProperty("lifetime").GetProperty("seconds").GetInt64());
        var analytics = root.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "analytics");
        var item = analytics.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("ph_", item.GetProperty("name").GetString());
        Assert.Equal("prefix", item.GetProperty("match").GetString());
        Assert.Equal("cookie", item.GetProperty("storage").GetString());
        Assert.True(item.GetProperty("consentRequired").GetBoolean());
        Assert.Equal("1y", item.GetProperty("duration").GetProperty("value").GetString());
        Assert.Equal("1 year", item.GetProperty("duration").GetProperty("text").GetString());
    }

    [Fact]
    public void JsonPropertyNamesAreExactlyTheDocumentedOnes()
    {
        var m = ManifestText.Valid(ManifestText.With());
        using var doc = JsonDocument.Parse(PolicyRenderer.Render(m, PolicyFormat.Json));
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["schema", "language", "revision", "lastUpdated", "bannerRequired", "bannerStatement", "site", "consent", "categories", "thirdParties", "statements", "history"], names);
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "policy-json.md"));
        foreach (var name in names)
        {
            Assert.Contains($"`{name}`", docs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("de", "Cookie-Richtlinie", "Zuletzt aktualisiert: 2. Januar 2026", "Was sind Cookies?", "Sitzung")]
    [InlineData("fr", "Politique relative aux cookies", "Dernière mise à jour : 2 janvier 2026", "Qu'est-ce qu'un cookie ?", "Session")]
    [InlineData("en", "Cookie Policy", "Last updated: January 2, 2026", "What are cookies?", "Session")]
    public void BuiltInTextIsLocalised(string lang, string title, string updated, string heading, string session)
    {
        var text = PolicyRenderer.Render(ManifestText.Valid(ManifestText.With()), PolicyFormat.Text, lang);
        Assert.StartsWith(title, text, StringComparison.Ordinal);
        Assert.Contains(updated.Replace(" : ", ": ", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains(session, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestTextFollowsTheRequestedLanguageWhenTranslated()
    {
        var m = ManifestText.Valid(ManifestText.With("""
              - name: lang
                category: necessary
                purpose: { en: Remembers your language., de: Speichert Ihre Sprache. }
                duration: 1y
            """));
        Assert.Contains("Speichert Ihre Sprache.", PolicyRenderer.Render(m, PolicyFormat.Text, "de"), StringComparison.Ordinal);
        Assert.Contains("Remembers your language.", PolicyRenderer.Render(m, PolicyFormat.Text, "fr"), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedLanguageIsRefusedWithTheAvailableOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => PolicyRenderer.Render(ManifestText.Valid(ManifestText.With()), PolicyFormat.Text, "tlh"));
        Assert.Contains("en, de, fr, es, it, nl, pt, pl, sv, da, ar", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BannerStatementIsDerivedFromWhatNeedsConsent()
    {
        var necessaryOnly = ManifestText.Valid(ManifestText.With());
        Assert.Contains("no cookie banner or consent prompt", PolicyRenderer.BannerStatement(necessaryOnly), StringComparison.Ordinal);
        var withAnalytics = ManifestText.Valid(ManifestText.With("""
              - name: _pk_*
                category: analytics
                purpose: Visits.
                duration: 13mo
            """, "consent: { cookie: session }"));
        Assert.Contains("only after you consent", PolicyRenderer.BannerStatement(withAnalytics), StringComparison.Ordinal);
        Assert.Contains("cookie banner shown on your first visit", PolicyRenderer.Render(withAnalytics, PolicyFormat.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyMaterialHistoryEntriesGetARevisionNumber()
    {
        var m = ManifestText.Valid("""
            site: { name: T, contact: { email: a@t.example } }
            history:
              - { date: 2026-01-02, summary: First. }
              - { date: 2026-02-03, summary: Typo., material: false }
            """);
        var md = PolicyRenderer.Render(m, PolicyFormat.Markdown);
        Assert.Contains("*Last updated: January 2, 2026 · Revision 1*", md, StringComparison.Ordinal);
        Assert.Contains("| February 3, 2026 | — | Typo. |", md, StringComparison.Ordinal);
        Assert.Contains("| January 2, 2026 | 1 | First. |", md, StringComparison.Ordinal);
    }
}
