using System.Reflection;
using Consentry.Manifests;
using Consentry.Scanner.Catalogue;
using Consentry.Scanner.Inspect;

namespace Consentry.Scanner.Tests;

/// <summary>
/// The inspector on hand-built visit results, one case per finding code: fast, no browser. A new code without a
/// case here fails <see cref="EveryFindingCodeHasACase"/>.
/// </summary>
public sealed class InspectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Start = new("https://shop.example/");

    private static readonly CookieManifest Manifest = ManifestLoader.Parse("""
        site: { name: Shop, domains: [shop.example], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo, domains: [stats.example] }
          cdn: { name: Fonts CDN, domains: [cdn.example] }
        items:
          - { name: sid, category: necessary, purpose: Keeps you signed in., duration: session }
          - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_id, category: analytics, provider: stats, purpose: Visit statistics., duration: 30d, party: third }
          - { name: pref, category: functional, purpose: Remembers a preference., duration: 1d }
          - { name: never_set, category: functional, purpose: Declared, never set., duration: 1d }
          - { name: _ga, category: functional, purpose: Declared in the wrong category on purpose., duration: 1d }
        consent: { cookie: shop_consent }
        history: [{ date: 2026-11-01, summary: First. }]
        """, "shop.yaml").Manifest!;

    private static ObservedCookie Cookie(string name, bool thirdParty = false, double? expires = null, bool secure = true, bool httpOnly = true, string sameSite = "Lax", string path = "/") =>
        new(name, thirdParty ? "stats.example" : "shop.example", path, expires, secure, httpOnly, sameSite, thirdParty, "https://shop.example/");

    private static VisitResult Visit(VisitKind kind, bool operated = true) => new()
    {
        Kind = kind,
        BannerOperated = kind != VisitKind.Untouched && operated,
        BannerNote = operated ? "clicked" : "no banner found",
        Pages = ["https://shop.example/"],
        // Every declared item is seen somewhere, so only the case's own finding (and SC002 where it is the case) appears.
        Storage = [],
    };

    /// <summary>Each finding code with visits that must produce it.</summary>
    public static TheoryData<string> Codes() => [.. Cases.Keys];

    private static readonly Dictionary<string, Func<VisitResult[]>> Cases = new()
    {
        [FindingCodes.Undeclared] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("mystery")] }],
        [FindingCodes.NeverSeen] = () => [Visit(VisitKind.AcceptAll)],
        [FindingCodes.BeforeChoice] = () => [Visit(VisitKind.Untouched) with { Cookies = [Cookie("st_id", thirdParty: true)] }],
        [FindingCodes.AfterReject] = () => [Visit(VisitKind.RejectAll) with { Cookies = [Cookie("st_id", thirdParty: true)] }],
        [FindingCodes.RequestsBeforeConsent] = () => [Visit(VisitKind.Untouched) with { ThirdPartyHosts = ["tracker.example"] }],
        [FindingCodes.CategoryDiffers] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("_ga")] }],
        [FindingCodes.PartyDiffers] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("pref", thirdParty: true)] }],
        [FindingCodes.RequestAfterReject] = () => [Visit(VisitKind.RejectAll) with { ThirdPartyHosts = ["stats.example"] }],
        [FindingCodes.LongerThanDeclared] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("pref", expires: Now.AddDays(30).ToUnixTimeSeconds())] }],
        [FindingCodes.NotSecure] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("sid", secure: false)] }],
        [FindingCodes.NotHttpOnly] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("auth_token", httpOnly: false)] }],
        [FindingCodes.SameSiteNoneInsecure] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("sid", secure: false, sameSite: "None")] }],
        [FindingCodes.PrefixRuleBroken] = () => [Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("__Host-x", path: "/shop")] }],
        [FindingCodes.OverBrowserCap] = () => [Visit(VisitKind.AcceptAll) with
        {
            Cookies = [Cookie("sid", expires: Now.AddDays(400).ToUnixTimeSeconds())],
            SetCookies = [new ObservedSetCookie("https://shop.example/", "sid", "sid=1; Max-Age=63072000", 63_072_000, [])],
        }],
        [FindingCodes.Refused] = () => [Visit(VisitKind.AcceptAll) with { SetCookies = [new ObservedSetCookie("https://shop.example/", "big", "big=…", null, ["ExceedsSize"])] }],
        [FindingCodes.NoBanner] = () => [Visit(VisitKind.RejectAll, operated: false)],
        [FindingCodes.BannerNotOperated] = () => [Visit(VisitKind.RejectAll, operated: false) with { BannerProblem = "generic banner: the \"Reject all\" button was clicked, but it was still on screen afterwards" }],
        [FindingCodes.Incomplete] = () => [Visit(VisitKind.AcceptAll) with { Errors = ["https://shop.example/slow: Timeout 15000ms exceeded"] }],
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void EachCaseYieldsItsFinding(string code)
    {
        var findings = Inspector.Inspect(Cases[code](), Manifest, CookieCatalogue.BuiltIn, Start, Now);
        Assert.Contains(findings, f => f.Code == code);
    }

    [Fact]
    public void EveryFindingCodeHasACase()
    {
        var codes = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!);
        Assert.Equal(codes.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ACleanVisitOfTheDeclaredItemsYieldsNoErrorOrWarning()
    {
        VisitResult[] visits =
        [
            Visit(VisitKind.Untouched) with { Cookies = [Cookie("sid")] },
            Visit(VisitKind.RejectAll) with { Cookies = [Cookie("sid"), Cookie("shop_consent")] },
            Visit(VisitKind.AcceptAll) with { Cookies = [Cookie("sid"), Cookie("shop_consent", expires: Now.AddDays(100).ToUnixTimeSeconds()), Cookie("st_id", thirdParty: true, expires: Now.AddDays(20).ToUnixTimeSeconds()), Cookie("pref"), Cookie("never_set")] },
        ];
        var findings = Inspector.Inspect(visits, Manifest, CookieCatalogue.BuiltIn, Start, Now);
        Assert.DoesNotContain(findings, f => f.Severity >= FindingSeverity.Warning);
    }

    [Fact]
    public void EveryReasonAVisitWasIncompleteIsReportedNotOnlyTheFirst()
    {
        VisitResult[] visits = [Visit(VisitKind.Untouched) with { Errors = ["https://shop.example/file.pdf: not an HTML page (application/pdf)", "https://shop.example/slow: Timeout 15000ms exceeded"] }];
        var findings = Inspector.Inspect(visits, Manifest, CookieCatalogue.BuiltIn, Start, Now).Where(f => f.Code == FindingCodes.Incomplete).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("/slow", StringComparison.Ordinal));
    }

    [Fact]
    public void ABannerOnScreenThatCouldNotBeOperatedIsAnErrorNamingTheButtonAndNotAlsoNoBanner()
    {
        VisitResult[] visits = [Visit(VisitKind.AcceptAll, operated: false) with { BannerProblem = "OneTrust banner: the \"Accept all\" button was on screen, but clicking it failed (element is not enabled)" }];
        var findings = Inspector.Inspect(visits, Manifest, CookieCatalogue.BuiltIn, Start, Now);
        var problem = Assert.Single(findings, f => f.Code == FindingCodes.BannerNotOperated);
        Assert.Equal(FindingSeverity.Error, problem.Severity);
        Assert.Contains("\"Accept all\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not enabled", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code == FindingCodes.NoBanner);
    }

    [Fact]
    public void AnUndeclaredThirdPartyCookieBeforeAnyChoiceIsAWarningEvenWithoutAManifest()
    {
        var tracker = Cookie("uid") with { Domain = ".adnet.example", ThirdParty = true };
        VisitResult[] visits = [Visit(VisitKind.Untouched) with { Cookies = [tracker] }];
        foreach (var manifest in new[] { Manifest, null })
        {
            var finding = Assert.Single(Inspector.Inspect(visits, manifest, CookieCatalogue.BuiltIn, Start, Now), f => f.Code == FindingCodes.BeforeChoice);
            Assert.Equal(FindingSeverity.Warning, finding.Severity);
            Assert.Contains("adnet.example", finding.Message, StringComparison.Ordinal);
        }

        // After a choice, or from a declared provider's host, it is not this finding.
        VisitResult[] accepted = [Visit(VisitKind.AcceptAll) with { Cookies = [tracker] }];
        Assert.DoesNotContain(Inspector.Inspect(accepted, Manifest, CookieCatalogue.BuiltIn, Start, Now), f => f.Code == FindingCodes.BeforeChoice);
        VisitResult[] cdn = [Visit(VisitKind.Untouched) with { Cookies = [tracker with { Domain = "cdn.example" }] }];
        Assert.DoesNotContain(Inspector.Inspect(cdn, Manifest, CookieCatalogue.BuiltIn, Start, Now), f => f.Code == FindingCodes.BeforeChoice);
    }

    [Fact]
    public void ConsentrysOwnPendingReceiptsAreNotReportedAsUndeclared()
    {
        VisitResult[] visits = [Visit(VisitKind.AcceptAll) with { Storage = [new ObservedStorage(StorageTypes.Name(StorageType.LocalStorage), Consentry.Banner.BannerProtocol.PendingReceiptsKey, "https://shop.example", "https://shop.example/")] }];
        Assert.DoesNotContain(Inspector.Inspect(visits, Manifest, CookieCatalogue.BuiltIn, Start, Now), f => f.Code == FindingCodes.Undeclared);
    }
}
