using Consentry.Core.Tests.Manifests;
using Consentry.Manifests;
using Consentry.Policy;
using Consentry.Revisions;

namespace Consentry.Core.Tests.Revisions;

public sealed class ManifestComparerTests
{
    private const string Analytics = """
          - name: ph_*
            category: analytics
            provider: posthog
            purpose: Product usage analytics.
            duration: 1y
        """;

    private const string PostHog = """
        providers:
          posthog: { name: PostHog, privacy_policy: https://posthog.com/privacy }
        consent: { cookie: session }
        """;

    private static ManifestDiff Diff(string oldText, string newText) =>
        ManifestComparer.Compare(ManifestText.Valid(oldText), ManifestText.Valid(newText));

    private static ManifestChange Only(ManifestDiff d)
    {
        Assert.True(d.Changes.Count == 1, string.Join(Environment.NewLine, d.Changes));
        return d.Changes[0];
    }

    [Fact]
    public void IdenticalManifestsHaveNoChanges()
    {
        var d = Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics, PostHog));
        Assert.Empty(d.Changes);
        Assert.False(d.RevisionNotMoved);
    }

    [Fact]
    public void AddingAnAnalyticsItemIsMaterialAndNeedsConsentAndTurnsTheBannerOn()
    {
        var d = Diff(ManifestText.With(extra: "consent: { cookie: session }"), ManifestText.With(Analytics, PostHog));
        Assert.True(d.HasMaterialChanges);
        Assert.True(d.RequiresRenewedConsent);
        Assert.False(d.OldBannerRequired);
        Assert.True(d.NewBannerRequired);
        Assert.Contains(d.Changes, c => c.Kind == ChangeKind.Material && c.Subject == "item 'ph_*' (cookie)" && c.RequiresConsent);
        Assert.Contains(d.Changes, c => c.Subject == "banner" && c.Kind == ChangeKind.Material);
    }

    [Fact]
    public void RemovingAnItemIsMaterialButNeedsNoConsent()
    {
        var d = Diff(ManifestText.With(Analytics + "\n" + Analytics.Replace("ph_*", "_pk_*", StringComparison.Ordinal), PostHog), ManifestText.With(Analytics, PostHog));
        var removed = Only(d);
        Assert.Equal(ChangeKind.Material, removed.Kind);
        Assert.False(removed.RequiresConsent);
        Assert.Contains("removed", removed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void RewordingAPurposeIsEditorial()
    {
        var d = Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics.Replace("Product usage analytics.", "Product-usage  analytics", StringComparison.Ordinal), PostHog));
        var c = Only(d);
        Assert.Equal(ChangeKind.Editorial, c.Kind);
        Assert.False(d.RequiresRenewedConsent);
    }

    [Fact]
    public void ASpellingFixInAPurposeIsEditorial()
    {
        var c = Only(Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics.Replace("usage", "usgae", StringComparison.Ordinal), PostHog)));
        Assert.Equal(ChangeKind.Editorial, c.Kind);
    }

    [Fact]
    public void ANewPurposeForANonEssentialItemIsMaterialAndNeedsConsent()
    {
        var c = Only(Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics.Replace("Product usage analytics.", "Product usage analytics and ad retargeting.", StringComparison.Ordinal), PostHog)));
        Assert.Equal(ChangeKind.Material, c.Kind);
        Assert.True(c.RequiresConsent);
    }

    [Fact]
    public void AddingANegationIsNeverJustWording()
    {
        Assert.False(TextComparison.IsWordingOnly("Data is shared with advertisers.", "Data is not shared with advertisers."));
        Assert.True(TextComparison.IsWordingOnly("Data is anonymized.", "Data is anonymised."));
    }

    [Fact]
    public void LongerDurationOfANonEssentialItemNeedsConsentShorterDoesNot()
    {
        var longer = Only(Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics.Replace("1y", "13mo", StringComparison.Ordinal), PostHog)));
        Assert.Equal(ChangeKind.Material, longer.Kind);
        Assert.True(longer.RequiresConsent);
        var shorter = Only(Diff(ManifestText.With(Analytics, PostHog), ManifestText.With(Analytics.Replace("1y", "30d", StringComparison.Ordinal), PostHog)));
        Assert.Equal(ChangeKind.Material, shorter.Kind);
        Assert.False(shorter.RequiresConsent);
    }

    [Fact]
    public void ChangingTheProviderIsMaterial()
    {
        var providers = """
            providers:
              posthog: { name: PostHog }
              other: { name: Other }
            consent: { cookie: session }
            """;
        var d = Diff(ManifestText.With(Analytics, providers), ManifestText.With(Analytics.Replace("provider: posthog", "provider: other", StringComparison.Ordinal), providers));
        Assert.Contains(d.Changes, c => c.Kind == ChangeKind.Material && c.Description.Contains("provider changed from posthog to other", StringComparison.Ordinal) && c.RequiresConsent);
    }

    [Fact]
    public void MovingAnItemFromNecessaryToAnalyticsIsMaterialAndNeedsConsent()
    {
        var before = Analytics.Replace("analytics", "necessary", StringComparison.Ordinal).Replace("ph_*", "app_state", StringComparison.Ordinal);
        var after = Analytics.Replace("ph_*", "app_state", StringComparison.Ordinal);
        var d = Diff(ManifestText.With(before, PostHog), ManifestText.With(after, PostHog));
        Assert.Contains(d.Changes, c => c.Kind == ChangeKind.Material && c.Description == "category changed from 'necessary' to 'analytics'" && c.RequiresConsent);
    }

    [Fact]
    public void ANewThirdPartyIsMaterial()
    {
        var d = Diff(ManifestText.With(extra: PostHog), ManifestText.With(extra: PostHog + "\nthird_parties:\n  - { provider: posthog, when: On the hosted survey pages. }"));
        Assert.Equal(ChangeKind.Material, Only(d).Kind);
    }

    [Fact]
    public void WithdrawingAWeDoNotPromiseIsMaterialAddingOneIsEditorial()
    {
        var one = "statements: { we_do_not_use: [No fingerprinting] }";
        var two = "statements: { we_do_not_use: [No fingerprinting, No ads] }";
        Assert.Equal(ChangeKind.Editorial, Only(Diff(ManifestText.With(extra: one), ManifestText.With(extra: two))).Kind);
        Assert.Equal(ChangeKind.Material, Only(Diff(ManifestText.With(extra: two), ManifestText.With(extra: one))).Kind);
    }

    [Fact]
    public void ContactAndAttributeChangesAreEditorial()
    {
        var d = Diff(ManifestText.With(), ManifestText.With().Replace("privacy@test.example", "dpo@test.example", StringComparison.Ordinal));
        Assert.Equal(ChangeKind.Editorial, Only(d).Kind);
        Assert.False(d.HasMaterialChanges);
    }

    [Fact]
    public void MaterialChangesWithoutANewHistoryEntryAreFlagged()
    {
        var d = Diff(ManifestText.With(extra: PostHog), ManifestText.With(Analytics, PostHog));
        Assert.True(d.RevisionNotMoved);
        var withEntry = ManifestText.With(Analytics, PostHog) + "\n  - { date: 2026-03-01, summary: Added analytics. }";
        var fixedDiff = Diff(ManifestText.With(extra: PostHog), withEntry);
        Assert.False(fixedDiff.RevisionNotMoved);
        Assert.Equal(2, fixedDiff.NewRevision);
        Assert.Equal(new DateOnly(2026, 3, 1), fixedDiff.NewLastUpdated);
    }

    [Fact]
    public void ConnectWyzeAddingAnalyticsIsMaterialNeedsConsentAndFlipsTheBannerStatement()
    {
        var path = RepoPaths.Example("connectwyze");
        var old = ManifestLoader.Load(path).GetValidManifest();
        var text = File.ReadAllText(path)
            .Replace("items:\n", """
                items:
                  - name: connectwyze_consent
                    category: necessary
                    purpose: Stores your cookie choices.
                    duration: 6mo
                  - name: ph_*
                    category: analytics
                    provider: posthog
                    purpose: Product usage analytics.
                    duration: 1y

                """, StringComparison.Ordinal)
            .Replace("providers:\n", "providers:\n  posthog:\n    name: PostHog\n    privacy_policy: https://posthog.com/privacy\n", StringComparison.Ordinal)
            .Replace("history:\n", "history:\n  - date: 2026-11-24\n    summary: Added PostHog analytics behind consent.\n", StringComparison.Ordinal);
        var @new = ManifestLoader.Parse(text, "connectwyze-new.yaml").GetValidManifest();

        var d = ManifestComparer.Compare(old, @new);

        Assert.Contains(d.Changes, c => c.Subject == "item 'ph_*' (cookie)" && c.Kind == ChangeKind.Material && c.RequiresConsent);
        Assert.True(d.RequiresRenewedConsent);
        Assert.False(d.RevisionNotMoved);
        Assert.Equal(2, d.NewRevision);
        Assert.Contains("no cookie banner or consent prompt", PolicyRenderer.BannerStatement(old), StringComparison.Ordinal);
        Assert.Contains("only after you consent", PolicyRenderer.BannerStatement(@new), StringComparison.Ordinal);
        Assert.Contains("Last updated: November 24, 2026", PolicyRenderer.Render(@new, PolicyFormat.Text), StringComparison.Ordinal);
    }
}
