using Consentry.Diagnostics;
using Consentry.Manifests;
using static Consentry.Core.Tests.Manifests.ManifestText;

namespace Consentry.Core.Tests.Validation;

public sealed class ManifestValidationTests
{
    private static Diagnostic Problem(string items, string code, string extra = "") => Single(Load(With(items, extra)), code);

    [Fact]
    public void UnknownCategoryIsAnErrorAtTheCategoryValueWithASuggestion()
    {
        var d = Problem("""
              - name: x
                category: analytcs
                purpose: y
                duration: 1d
            """, DiagnosticCodes.UnknownCategory);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new SourceLocation("cookies.yaml", 12, 15), d.Location);
        Assert.Contains("'analytcs'", d.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'analytics'?", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateItemNamesTheFirstDeclaration()
    {
        var d = Problem("""
              - name: session
                category: necessary
                purpose: again
                duration: session
            """, DiagnosticCodes.DuplicateItem);
        Assert.Equal(11, d.Location.Line);
        Assert.Contains("line 7", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameNameInDifferentStorageIsNotADuplicate()
    {
        var result = Load(With("""
              - name: session
                type: sessionStorage
                category: necessary
                purpose: Tab state.
                duration: until-tab-closed
            """));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateItem);
    }

    [Fact]
    public void NonEssentialItemWithoutPurposeIsAnError()
    {
        var d = Problem("""
              - name: _ga
                category: analytics
                duration: 13mo
            """, DiagnosticCodes.MissingPurpose, "consent: { cookie: session }");
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(11, d.Location.Line);
    }

    [Fact]
    public void NecessaryItemWithoutPurposeIsOnlyAWarning()
    {
        var d = Problem("""
              - name: csrf
                category: necessary
                duration: session
            """, DiagnosticCodes.NecessaryWithoutPurpose);
        Assert.Equal(Severity.Warning, d.Severity);
    }

    [Fact]
    public void ConsentCookieThatIsNotDeclaredIsAnError()
    {
        var d = Problem("""
              - name: ph_*
                category: analytics
                purpose: Analytics.
                duration: 1y
            """, DiagnosticCodes.ConsentCookieNotDeclared, """
            consent:
              cookie: my_consent
            """);
        Assert.Equal(new SourceLocation("cookies.yaml", 16, 11), d.Location);
        Assert.Contains("my_consent", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void NonEssentialItemsWithoutAnyConsentCookieIsAnError()
    {
        var d = Problem("""
              - name: ph_*
                category: analytics
                purpose: Analytics.
                duration: 1y
            """, DiagnosticCodes.ConsentCookieMissing);
        Assert.Contains("ph_*", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostPrefixWithDomainIsAnErrorAtTheDomain()
    {
        var d = Single(Load(With("""
              - name: __Host-csrf
                category: necessary
                purpose: CSRF.
                duration: session
                attributes: { secure: true, path: /, domain: example.com }
            """)), DiagnosticCodes.HostPrefix);
        Assert.Equal(new SourceLocation("cookies.yaml", 15, 50), d.Location);
        Assert.Contains("Domain", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostPrefixWithoutSecureOrRootPathIsTwoErrors()
    {
        var result = Load(With("""
              - name: __Host-csrf
                category: necessary
                purpose: CSRF.
                duration: session
                attributes: { path: /api }
            """));
        var host = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.HostPrefix).ToList();
        Assert.Equal(2, host.Count);
        Assert.Contains(host, d => d.Message.Contains("Secure", StringComparison.Ordinal));
        Assert.Contains(host, d => d.Message.Contains("'/api'", StringComparison.Ordinal));
    }

    [Fact]
    public void SecurePrefixWithoutSecureIsAnError()
    {
        var d = Problem("""
              - name: __Secure-token
                category: necessary
                purpose: Token.
                duration: 8h
            """, DiagnosticCodes.SecurePrefix);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Contains("secure: true", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void SecurePrefixInAVariantIsCheckedToo()
    {
        var d = Problem("""
              - name: token
                category: necessary
                purpose: Token.
                duration: 8h
                variants:
                  - name: __Secure-token
                    environments: [production]
            """, DiagnosticCodes.SecurePrefix);
        Assert.Contains("variant of 'token'", d.Message, StringComparison.Ordinal);
        Assert.Equal(16, d.Location.Line);
    }

    [Fact]
    public void SameSiteNoneWithoutSecureIsAnError()
    {
        var d = Problem("""
              - name: embed
                category: necessary
                purpose: Embed.
                duration: 1d
                attributes: { same_site: none }
            """, DiagnosticCodes.SameSiteNoneWithoutSecure);
        Assert.Equal(new SourceLocation("cookies.yaml", 15, 30), d.Location);
    }

    [Fact]
    public void LifetimeBeyondFourHundredDaysIsAWarning()
    {
        var d = Problem("""
              - name: remember
                category: necessary
                purpose: Remember device.
                duration: 2y
            """, DiagnosticCodes.LifetimeOverBrowserCap);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(new SourceLocation("cookies.yaml", 14, 15), d.Location);
    }

    [Fact]
    public void FourHundredDaysExactlyIsFine()
    {
        var result = Load(With("""
              - name: remember
                category: necessary
                purpose: Remember device.
                duration: 400d
            """));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ConsentKeptLongerThanThirteenMonthsIsAWarning()
    {
        var d = Problem("", DiagnosticCodes.ConsentLifetimeTooLong, "consent: { lifetime: 2y }");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("13 months", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYamlPointsAtTheSpot()
    {
        var result = Load("site:\n  name: \"unterminated\n  contact: x\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Null(result.Manifest);
        Assert.Equal(2, d.Location.Line);
        Assert.StartsWith("The file is not well-formed YAML", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadIndentationPointsAtTheLine()
    {
        var d = Assert.Single(Load("site:\n  name: a\n contact: b\n").Diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Equal(3, d.Location.Line);
    }

    [Fact]
    public void DuplicateKeyIsReportedAsSuch()
    {
        var d = Assert.Single(Load("site:\n  name: a\n  name: b\n").Diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateKey, d.Code);
        Assert.Equal(3, d.Location.Line);
    }

    [Fact]
    public void UnknownKeySuggestsTheClosestKnownOne()
    {
        var d = Problem("""
              - name: x
                category: necessary
                purpse: typo
                duration: 1d
            """, DiagnosticCodes.UnknownKey);
        Assert.Equal(new SourceLocation("cookies.yaml", 13, 5), d.Location);
        Assert.Contains("Did you mean 'purpose'?", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsentCookieMustBeStrictlyNecessary()
    {
        var d = Problem("""
              - name: consent
                category: functional
                purpose: Stores your choice.
                duration: 6mo
            """, DiagnosticCodes.ConsentCookieCategory, "consent: { cookie: consent }");
        Assert.Contains("never record a refusal", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownAnalyticsCookieClassedAsNecessaryIsFlagged()
    {
        var d = Problem("""
              - name: _ga
                category: necessary
                purpose: Site works.
                duration: 13mo
            """, DiagnosticCodes.NonEssentialMarkedNecessary);
        Assert.Contains("Google Analytics", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceMeasurementExemptionOnlyCoversFirstPartyAnalytics()
    {
        var d = Problem("""
              - name: _fbp
                category: marketing
                purpose: Ads.
                duration: 90d
                consent_exempt: audience-measurement
            """, DiagnosticCodes.ExemptionMisused, "consent: { cookie: session }");
        Assert.Equal(Severity.Error, d.Severity);
    }

    [Fact]
    public void IgnoringGlobalPrivacyControlIsAWarning()
    {
        var d = Problem("", DiagnosticCodes.GpcIgnored, "consent: { global_privacy_control: ignore }");
        Assert.Equal(Severity.Warning, d.Severity);
    }

    [Fact]
    public void BuiltInCategoryConsentRuleCannotBeChanged()
    {
        var d = Problem("", DiagnosticCodes.InvalidValue, "categories: { analytics: { consent: not-required } }");
        Assert.Contains("fixed", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomCategoriesWork()
    {
        var m = Valid(With("""
              - name: chat_*
                category: support-chat
                purpose: Support chat.
                duration: 30d
            """, """
            categories:
              support-chat:
                label: Support chat
                description: Lets you talk to us.
            consent: { cookie: session }
            """));
        Assert.True(m.FindCategory("support-chat")!.ConsentRequired);
        Assert.True(m.BannerRequired);
    }

    [Fact]
    public void MissingHistoryIsAnError() =>
        Assert.Contains(Load("site: { name: T, contact: { email: a@t.example } }").Diagnostics, d => d.Code == DiagnosticCodes.HistoryMissing);

    [Fact]
    public void MissingContactIsAnError()
    {
        var result = Load("site: { name: T }\nhistory: [{ date: 2026-01-01, summary: x }]");
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.MissingKey && d.Message.Contains("contact", StringComparison.Ordinal));
    }

    [Fact]
    public void DiagnosticsFormatLikeACompiler()
    {
        var d = new Diagnostic(Severity.Error, "CN0101", "Bad.", "Fix it.", new SourceLocation("a.yaml", 3, 7));
        Assert.Equal("a.yaml:3:7: error CN0101: Bad. Fix: Fix it.", d.ToString());
    }

    [Theory]
    [InlineData("casemgmt")]
    [InlineData("claimcmr")]
    [InlineData("clinixai")]
    [InlineData("connectwyze")]
    public void ReferenceManifestsHaveNoErrorsOrWarnings(string site)
    {
        var result = ManifestLoader.Load(RepoPaths.Example(site));
        Assert.Empty(result.Diagnostics);
    }
    private const string AdsItem = """
          - name: ad_id
            category: marketing
            provider: ads
            purpose: Advertising.
            duration: 13mo
        """;

    [Fact]
    public void ProviderBlockingOfAProviderWithoutDomainsIsAWarningAtTheProvider()
    {
        var d = Problem(AdsItem, DiagnosticCodes.BlockingWithoutDomains, """
            providers:
              ads: { name: AdsCo }
            consent: { cookie: session, blocking: providers }
            """);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(17, d.Location.Line);
        Assert.Contains("'ads'", d.Message, StringComparison.Ordinal);
        Assert.Contains("domains", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderBlockingIsReadAndAnUnknownModeIsALocatedErrorWithASuggestion()
    {
        var extra = """
            providers:
              ads: { name: AdsCo, domains: [ads.example] }
            consent: { cookie: session, blocking: providers }
            """;
        var manifest = Valid(With(AdsItem, extra));
        Assert.Equal(ProviderBlocking.Providers, manifest.Consent.Blocking);
        Assert.DoesNotContain(Load(With(AdsItem, extra)).Diagnostics, x => x.Code == DiagnosticCodes.BlockingWithoutDomains);
        Assert.Equal(ProviderBlocking.None, Valid(With()).Consent.Blocking);

        var d = Problem(AdsItem, DiagnosticCodes.InvalidValue, extra.Replace("blocking: providers", "blocking: provider", StringComparison.Ordinal));
        Assert.Equal(18, d.Location.Line);
        Assert.Contains("Did you mean 'providers'?", d.Fix, StringComparison.Ordinal);
    }
    private const string SiteWithDomains = """
        consentry: 1
        site:
          name: Test
          domains: [app.example.co.uk, www.example.co.uk]
          contact:
            email: privacy@test.example
        items:
          - name: session
            category: necessary
            purpose: Keeps you signed in.
            duration: session
        consent:
          cookie: session
          domain: DOMAIN
        history:
          - date: 2026-01-02
            summary: First.
        """;

    [Theory]
    [InlineData("example.co.uk")]
    [InlineData(".Example.co.uk")]
    [InlineData("app.example.co.uk")]
    public void AConsentDomainTheSitesHostsShareIsAccepted(string domain)
    {
        var manifest = Valid(SiteWithDomains.Replace("DOMAIN", domain, StringComparison.Ordinal));
        Assert.Equal(domain.TrimStart('.').ToLowerInvariant(), manifest.Consent.Domain);
        Assert.DoesNotContain(Load(SiteWithDomains.Replace("DOMAIN", domain, StringComparison.Ordinal)).Diagnostics, d => d.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData("co.uk", DiagnosticCodes.ConsentDomainInvalid, "public suffix")]
    [InlineData("https://example.co.uk", DiagnosticCodes.ConsentDomainInvalid, "not a domain")]
    [InlineData("192.168.1.10", DiagnosticCodes.ConsentDomainInvalid, "not a domain")]
    [InlineData("example.com", DiagnosticCodes.ConsentDomainNotSite, "covers none of site.domains (app.example.co.uk, www.example.co.uk)")]
    [InlineData("docs.example.co.uk", DiagnosticCodes.ConsentDomainNotSite, "covers none")]
    public void AConsentDomainNoSiteHostCanSetIsALocatedError(string domain, string code, string says)
    {
        var d = Single(Load(SiteWithDomains.Replace("DOMAIN", domain, StringComparison.Ordinal)), code);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new SourceLocation("cookies.yaml", 14, 11), d.Location);
        Assert.Contains(says, d.Message, StringComparison.Ordinal);
        Assert.Contains("example.co.uk", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutThePublicSuffixListTheConsentDomainIsAWarningThatSaysWhatToInstall()
    {
        var manifest = Load(SiteWithDomains.Replace("DOMAIN", "co.uk", StringComparison.Ordinal)).Manifest!;
        var d = Assert.Single(Consentry.Validation.ManifestValidator.CheckConsentDomain(manifest, null));
        Assert.Equal(DiagnosticCodes.PublicSuffixListMissing, d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("apt-get install publicsuffix", d.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("domains: [test.example]", "the site's own domain 'test.example'")]
    [InlineData("domains: [example]", "the site's own domain 'test.example'")]
    [InlineData("domains: [cdn.pay.example]", "'pay.example' of provider 'pay', which needs no consent")]
    [InlineData("domains: [pay.example.]", "'pay.example' of provider 'pay', which needs no consent")]
    [InlineData("domains: [example.net]", null)]
    public void BlockingWarnsOfAConsentProviderDomainThatOverlapsWhatNeedsNoConsent(string domains, string? says)
    {
        var text = With(AdsItem, $$"""
            providers:
              ads: { name: AdsCo, {{domains}} }
              pay: { name: PayCo, domains: [pay.example] }
            consent: { cookie: session, blocking: providers }
            """).Replace("  name: Test\n", "  name: Test\n  domains: [test.example]\n", StringComparison.Ordinal);
        var found = Load(text).Diagnostics.Where(d => d.Code == DiagnosticCodes.BlockingDomainOverlap).ToList();
        if (says is null)
        {
            Assert.Empty(found);
            return;
        }

        var d = Assert.Single(found);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains(says, d.Message, StringComparison.Ordinal);
        Assert.Equal(18, d.Location.Line);
    }
}
