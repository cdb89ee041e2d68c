using Consentry.Manifests;
using Consentry.Policy;

namespace Consentry.Core.Tests.Examples;

/// <summary>Each reference site's rendered policy states every fact of its published policy (shared/seeds).</summary>
public sealed class ReferenceSiteTests
{
    public static TheoryData<string, string> Facts() => new()
    {
        // casemgmt.io (seed 000): strictly necessary + functional storage, no banner.
        { "casemgmt", "Last updated: May 21, 2026" },
        { "casemgmt", "__Secure-authjs.session-token" },
        { "casemgmt", "Maintains your authenticated session" },
        { "casemgmt", "8 hours or until logout" },
        { "casemgmt", "__Host-authjs.csrf-token" },
        { "casemgmt", "CSRF protection for authentication forms" },
        { "casemgmt", "__Secure-authjs.callback-url" },
        { "casemgmt", "Remembers post-login destination" },
        { "casemgmt", "Strictly necessary — no consent required" },
        { "casemgmt", "Functional — no consent required" },
        { "casemgmt", "* theme\n      Type: Local storage\n      Purpose: Remembers light/dark mode preference" },
        { "casemgmt", "* fontSize\n      Type: Local storage\n      Purpose: Remembers accessibility font-size preference" },
        { "casemgmt", "* activeCallId\n      Type: Session storage\n      Purpose: Allows the call-in-progress indicator to persist across page navigation" },
        { "casemgmt", "Until cleared" },
        { "casemgmt", "Until the tab is closed" },
        { "casemgmt", "we show no cookie banner or consent prompt" },
        { "casemgmt", "No third-party advertising or retargeting cookies (no Google Ads, Facebook Pixel, etc.)" },
        { "casemgmt", "No third-party behavioral analytics (no Mixpanel, Heap, Amplitude)" },
        { "casemgmt", "No cross-site tracking" },
        { "casemgmt", "No social media share-button trackers" },
        { "casemgmt", "No fingerprinting" },
        { "casemgmt", "beyond what's required for the contact form" },
        { "casemgmt", "As a HIPAA-eligible platform handling Protected Health Information" },
        { "casemgmt", "We do not respond to Do Not Track (DNT) browser signals" },
        { "casemgmt", "Material changes will be communicated via email to account holders." },
        { "casemgmt", "Doing so will log you out and reset any preferences (theme, font size)." },
        { "casemgmt", "E-mail: privacy@casemgmt.io" },

        // ClaimCMR (seed 001): necessary + PostHog analytics after consent, footer "Cookie settings".
        { "claimcmr", "Last updated: April 1, 2026" },
        { "claimcmr", "* session_token\n      Type: Cookie\n      Purpose: Authenticates your login session. Required to stay logged in.\n      Provider: ClaimCMR\n      Duration: Session" },
        { "claimcmr", "* csrf_token\n      Type: Cookie\n      Purpose: Cross-site request forgery protection. Secures form submissions." },
        { "claimcmr", "* stripe_session\n      Type: Cookie\n      Purpose: Maintains state during payment checkout flow via Stripe.\n      Provider: Stripe" },
        { "claimcmr", "* claimcmr_cookie_consent\n      Type: Cookie\n      Purpose: Stores your cookie consent preferences so you are not asked again.\n      Provider: ClaimCMR\n      Duration: 1 year" },
        { "claimcmr", "Analytics — consent required" },
        { "claimcmr", "* ph_*\n      Type: Cookie\n      Purpose: Product usage analytics — page views, feature interactions, session data (anonymized)\n      Provider: PostHog <https://posthog.com/privacy>\n      Duration: 1 year" },
        { "claimcmr", "These cookies are placed only after you provide explicit consent via the cookie banner." },
        { "claimcmr", "never for advertising" },
        { "claimcmr", "cookie banner shown on your first visit" },
        { "claimcmr", "with the “Cookie settings” link in the footer of every page" },
        { "claimcmr", "Withdrawing takes effect at once" },
        { "claimcmr", "It does not affect the service" },
        { "claimcmr", "Your choice is stored in the claimcmr_cookie_consent cookie for 1 year." },
        { "claimcmr", "Advertising cookies" },
        { "claimcmr", "Third-party tracking pixels" },
        { "claimcmr", "Social media cookies" },
        { "claimcmr", "Remarketing cookies" },
        { "claimcmr", "Any cross-site behavioral tracking" },
        { "claimcmr", "We never sell data collected via cookies to advertisers." },
        { "claimcmr", "Google Chrome: Settings → Privacy and security" },
        { "claimcmr", "Mozilla Firefox: Settings → Privacy & Security → Cookies and Site Data" },
        { "claimcmr", "Apple Safari: Settings → Privacy → Manage Website Data" },
        { "claimcmr", "Microsoft Edge: Settings → Cookies and site permissions" },
        { "claimcmr", "blocking all cookies in your browser will prevent you from logging in to ClaimCMR" },
        { "claimcmr", "notify users via the cookie banner or email where required" },
        { "claimcmr", "E-mail: privacy@claimcmr.com" },
        { "claimcmr", "Related: Privacy Policy <https://claimcmr.com/privacy> · Terms of Service <https://claimcmr.com/terms>" },

        // ClinixAI (seed 002): Auth.js dev + production variants, consent cookie, functional, third parties.
        { "clinixai", "Last updated: February 13, 2026" },
        { "clinixai", "* authjs.session-token (development only)\n      Type: Cookie\n      Purpose: Authentication session token (JWT). Keeps you logged in securely.\n      Provider: ClinixAI\n      Duration: 8 hours" },
        { "clinixai", "* __Secure-authjs.session-token (production only)\n      Type: Cookie\n      Purpose: Secure version of session token (production only). HTTP-only, SameSite=Lax.\n      Provider: ClinixAI\n      Duration: 8 hours" },
        { "clinixai", "* authjs.csrf-token (development only)\n      Type: Cookie\n      Purpose: CSRF protection token. Prevents cross-site request forgery attacks.\n      Provider: ClinixAI\n      Duration: Session" },
        { "clinixai", "* authjs.callback-url (development only)\n      Type: Cookie\n      Purpose: Stores redirect URL after authentication.\n      Provider: ClinixAI\n      Duration: Session" },
        { "clinixai", "* clinixai-cookie-consent\n      Type: Cookie\n      Purpose: Records your cookie consent preference.\n      Provider: ClinixAI\n      Duration: 365 days" },
        { "clinixai", "Functional — consent required" },
        { "clinixai", "These cookies enable enhanced functionality and personalization" },
        { "clinixai", "Remembering your role preference and dashboard settings" },
        { "clinixai", "Maintaining sidebar and UI state preferences" },
        { "clinixai", "Storing notification preferences" },
        { "clinixai", "Performance/Analytics — consent required" },
        { "clinixai", "These cookies do not collect personal health data. Currently, we do not use third-party analytics services" },
        { "clinixai", "We do not currently use any cookies or storage in this category." },
        { "clinixai", "Third-party cookies we do not control" },
        { "clinixai", "Google: When you use Google OAuth to sign in, Google may set its own cookies according to its privacy policy. We have no control over these cookies." },
        { "clinixai", "Google privacy policy <https://policies.google.com/privacy>" },
        { "clinixai", "Stripe: Stripe, our payment processor, may set cookies when processing payments." },
        { "clinixai", "cookie banner shown on your first visit" },
        { "clinixai", "Blocking strictly necessary cookies (especially authentication cookies) will prevent you from using the Platform" },
        { "clinixai", "We may update this Cookie Policy from time to time" },
        { "clinixai", "* ClinixAI - Privacy\n  * E-mail: privacy@clinixai.pro\n  * Web: https://clinixai.pro/" },

        // ConnectWyze (seed 003): essential only, Stripe-hosted pages, banner promised if analytics are added.
        { "connectwyze", "Last updated: May 9, 2026" },
        { "connectwyze", "This policy explains how ConnectWyze (\"we\", \"us\", \"our\") uses cookies and similar browser-storage technologies on connectwyze.com and inside our dashboard." },
        { "connectwyze", "Authentication (NextAuth) — keeps you signed in across pages." },
        { "connectwyze", "30 days cleared when you sign out or the session expires" },
        { "connectwyze", "CSRF token — protects sign-in and other state-changing requests from cross-site forgery attacks." },
        { "connectwyze", "Workspace preference — remembers which workspace you last used" },
        { "connectwyze", "Theme preference — stores UI settings such as dark mode." },
        { "connectwyze", "Sidebar preference — stores the sidebar collapse state." },
        { "connectwyze", "None of these cookies are used for advertising or cross-site tracking." },
        { "connectwyze", "we show no cookie banner or consent prompt" },
        { "connectwyze", "If we ever add cookies that need your consent, such as analytics or marketing cookies, we will update this policy and ask for your consent with a banner before setting them." },
        { "connectwyze", "Stripe: We rely on Stripe-hosted Checkout and Customer Portal pages for payments." },
        { "connectwyze", "those pages are operated by Stripe, not us" },
        { "connectwyze", "Blocking essential cookies will prevent sign-in and break much of the dashboard, but you can still browse the public pages." },
        { "connectwyze", "we do not use third-party trackers, so this signal has no effect on our current cookie behaviour" },
        { "connectwyze", "Material changes will be announced through an in-app banner or email." },
        { "connectwyze", "E-mail: privacy@connectwyze.com" },
    };

    [Theory]
    [MemberData(nameof(Facts))]
    public void RenderedPolicyStatesTheFact(string site, string fact)
    {
        var manifest = ManifestLoader.Load(RepoPaths.Example(site)).GetValidManifest();
        var text = PolicyRenderer.Render(manifest, PolicyFormat.Text);
        Assert.Contains(fact, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("casemgmt", false)]
    [InlineData("claimcmr", true)]
    [InlineData("clinixai", true)]
    [InlineData("connectwyze", false)]
    public void BannerIsRequiredExactlyWhereTheSeedShowsOne(string site, bool banner) =>
        Assert.Equal(banner, ManifestLoader.Load(RepoPaths.Example(site)).GetValidManifest().BannerRequired);

    [Theory]
    [InlineData("casemgmt")]
    [InlineData("claimcmr")]
    [InlineData("clinixai")]
    [InlineData("connectwyze")]
    public void EveryFormatAndLanguageRenders(string site)
    {
        var manifest = ManifestLoader.Load(RepoPaths.Example(site)).GetValidManifest();
        foreach (var lang in PolicyRenderer.Languages)
        {
            foreach (var format in Enum.GetValues<PolicyFormat>())
            {
                var output = PolicyRenderer.Render(manifest, format, lang);
                Assert.Contains(manifest.Site.Name, output, StringComparison.Ordinal);
            }
        }
    }
}
