using Consentry.Cli.Commands;
using Consentry.Manifests;
using Consentry.Scanner;
using Consentry.Scanner.Catalogue;

namespace Consentry.Cli.Tests;

/// <summary><c>consentry scan --write-manifest</c>: new items appended without touching what a human wrote.</summary>
public sealed class ManifestDraftTests
{
    private const string Handwritten = """
        # Our cookies. Keep this comment!
        site:
          name: "Shop"   # the brand
          contact: { email: privacy@shop.example }
        providers:
          google: { name: Google Analytics }
        items:
            # session first
            - name: sid
              category: necessary
              purpose: Keeps you signed in.   # carefully worded
              duration: session

            - { name: ph_*, category: analytics, purpose: Product analytics., duration: 1y }
            - name: shop_consent
              category: necessary
              purpose: Stores your choice.
              duration: 6mo
        # between items and consent
        consent:
          cookie: shop_consent
        history:
          - date: 2026-11-01
            summary: First.
        """;

    private static readonly DateTimeOffset Started = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static ScanResult Result(params VisitResult[] visits) => new()
    {
        Url = "https://www.shop.example/",
        ToolVersion = "test",
        BrowserVersion = "test",
        Options = new ScanOptions { Url = new Uri("https://www.shop.example/") },
        StartedAt = Started,
        EndedAt = Started.AddSeconds(5),
        Visits = visits,
        Findings = [],
    };

    private static ObservedCookie Cookie(string name, double? days, bool thirdParty = false, string domain = "www.shop.example") =>
        new(name, domain, "/", days is { } d ? Started.AddDays(d).ToUnixTimeSeconds() : null, true, false, "Lax", thirdParty, "https://www.shop.example/");

    private static readonly ScanResult Seen = Result(
        new VisitResult
        {
            Kind = VisitKind.Untouched,
            Cookies = [Cookie("sid", null), Cookie("ph_abc_posthog", 365), Cookie("shop_consent", 180), Cookie("_ga", 400), Cookie("_ga_XYZ", 400), Cookie("ad_id", 30, true, "ads.example"), Cookie("tiny", 0.25)],
            Storage = [new ObservedStorage("localStorage", "basket \"v2\"", "https://www.shop.example", "https://www.shop.example/cart"), new ObservedStorage("localStorage", "consentry-pending", "https://www.shop.example", "https://www.shop.example/"), new ObservedStorage("localStorage", "consentry-revision", "https://www.shop.example", "https://www.shop.example/")],
            SetCookies = [new ObservedSetCookie("https://www.shop.example/", "_ga", "_ga=1; Max-Age=63072000", 63072000, [])],
        },
        new VisitResult { Kind = VisitKind.AcceptAll, Storage = [new ObservedStorage("sessionStorage", "step", "https://www.shop.example", "https://www.shop.example/")] });

    [Fact]
    public void MergeAppendsOnlyUndeclaredItemsAndLeavesEveryOtherByteAsWritten()
    {
        var (insertAt, _, _) = ManifestDraft.FindItemsEnd(Handwritten, "cookies.yaml");
        var outcome = ManifestDraft.Merge(Handwritten, "cookies.yaml", Seen, CookieCatalogue.BuiltIn);
        Assert.Equal(["_ga", "_ga_*", "ad_id", "tiny", "basket \"v2\"", "step"], outcome.Added);
        Assert.StartsWith(Handwritten[..insertAt], outcome.Text, StringComparison.Ordinal);
        Assert.EndsWith(Handwritten[insertAt..], outcome.Text, StringComparison.Ordinal);
        Assert.Contains("# between items and consent\nconsent:", outcome.Text, StringComparison.Ordinal);

        var merged = ManifestLoader.Parse(outcome.Text, "cookies.yaml").GetValidManifest();
        var ga = merged.Items.Single(i => i.Name == "_ga");
        Assert.Equal((BuiltInCategories.Analytics, "google"), (ga.Category, ga.Provider));
        Assert.Contains("- name: \"_ga\"  # seen on https://www.shop.example/ before any choice; Google Analytics (analytics) per Consentry's table\n      category: analytics\n      provider: google\n      purpose: \"TODO", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("duration: 24mo", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(NameMatch.Prefix, merged.Items.Single(i => i.Name == "_ga_").Match);
        Assert.Equal(Party.Third, merged.Items.Single(i => i.Name == "ad_id").Party);
        Assert.Equal(StorageType.LocalStorage, merged.Items.Single(i => i.Name == "basket \"v2\"").Storage);
        Assert.Equal(StorageType.SessionStorage, merged.Items.Single(i => i.Name == "step").Storage);
        Assert.DoesNotContain(merged.Items, i => i.Name is "consentry-pending" or "consentry-revision");
    }

    [Fact]
    public void NewItemsTakeTheIndentationOfTheExistingList()
    {
        var text = ManifestDraft.Merge(Handwritten, "cookies.yaml", Seen, CookieCatalogue.BuiltIn).Text;
        Assert.Contains("\n    - name: \"ad_id\"", text, StringComparison.Ordinal);
        Assert.Contains("\n      party: third", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MergingTwiceAddsNothingTheSecondTime()
    {
        var once = ManifestDraft.Merge(Handwritten, "cookies.yaml", Seen, CookieCatalogue.BuiltIn).Text;
        var twice = ManifestDraft.Merge(once, "cookies.yaml", Seen, CookieCatalogue.BuiltIn);
        Assert.Empty(twice.Added);
        Assert.Equal(once, twice.Text);
    }

    [Fact]
    public void AFlowListOfItemsIsRefusedWithWhereAndHow()
    {
        var flow = Handwritten[..Handwritten.IndexOf("items:", StringComparison.Ordinal)] + "items: [{ name: sid, category: necessary, purpose: x, duration: session }]\nconsent: { cookie: shop_consent }\nhistory: [{ date: 2026-11-01, summary: First. }]\n";
        var e = Assert.Throws<FormatException>(() => ManifestDraft.Merge(flow, "cookies.yaml", Seen, CookieCatalogue.BuiltIn));
        Assert.Contains("cookies.yaml:7:8:", e.Message, StringComparison.Ordinal);
        Assert.Contains("block list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AManifestWithErrorsIsNotMergedInto()
    {
        var e = Assert.Throws<FormatException>(() => ManifestDraft.Merge("site: { name: X }\n", "bad.yaml", Seen, CookieCatalogue.BuiltIn));
        Assert.Contains("consentry validate bad.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BootstrapWritesAValidManifestDeclaringEverythingSeen()
    {
        var outcome = ManifestDraft.Bootstrap(Seen, CookieCatalogue.BuiltIn, "new.yaml");
        var manifest = ManifestLoader.Parse(outcome.Text, "new.yaml").GetValidManifest();
        Assert.Equal("shop.example", manifest.Site.Name.ToString());
        foreach (var c in Seen.Visits.SelectMany(v => v.Cookies))
        {
            Assert.True(manifest.AllItems.Any(i => i.Storage == StorageType.Cookie && i.Matches(c.Name)) || c.Name == manifest.Consent.Cookie, c.Name);
        }

        Assert.DoesNotContain("name: session\n", outcome.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "session")]
    [InlineData(600d, "1h")]
    [InlineData(7200d, "2h")]
    [InlineData(86400d * 30, "30d")]
    [InlineData(86400d * 400, "13mo")]
    public void ObservedLifetimesBecomeManifestDurations(double? seconds, string duration) => Assert.Equal(duration, ManifestDraft.Duration(seconds));
}
