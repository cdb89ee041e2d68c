using Microsoft.AspNetCore.Http;

namespace Consentry.Cli.Demo;

/// <summary>The four reference sites of the demo, each setting exactly the cookies and storage its manifest declares.</summary>
internal static class DemoSites
{
    private static readonly (string, string, bool) Policy = ("Cookie Policy", "/consentry/policy", false);
    private static readonly (string, string, bool) Settings = ("Cookie settings", "#cookie-settings", true);
    private static readonly (string, string, bool) Privacy = ("Privacy Policy", "/privacy", false);
    private static readonly (string, string, bool) Terms = ("Terms of Service", "/terms", false);

    public static IReadOnlyList<DemoSite> All { get; } =
    [
        new("casemgmt", "HIPAA-eligible case management. Strictly necessary cookies only, so no banner.",
        [
            new("/", "Home", "<p>Only strictly necessary cookies and storage you ask for: there is no cookie banner.</p>"),
            new("/signin", "Signed in", "<p>You are signed in. The session lasts 8 hours or until you sign out.</p>",
            [
                new("__Secure-authjs.session-token", "demo-session", TimeSpan.FromHours(8), true, true, SameSiteMode.Lax),
                new("__Host-authjs.csrf-token", "demo-csrf", null, true, true, SameSiteMode.Lax),
                new("__Secure-authjs.callback-url", "%2Fcases", null, true, true, SameSiteMode.Lax),
            ]),
            new("/settings", "Settings", """
                <p>Preferences are kept in your browser's local storage.</p>
                <button type="button" data-store="localStorage" data-key="theme" data-value="dark">Dark mode</button>
                <button type="button" data-store="localStorage" data-key="fontSize" data-value="large">Larger text</button>
                <button type="button" data-store="sessionStorage" data-key="activeCallId" data-value="call-42">Start a call</button>
                <p id="stored" role="status"></p>
                """),
        ], [Policy, Privacy, Terms], ""),
        new("claimcmr", "Claims management. PostHog analytics only after consent; \"Cookie settings\" in the footer.",
        [
            new("/", "Home", "<p>Product analytics (PostHog) load only after you accept them in the banner.</p>"),
            new("/signin", "Signed in", "<p>You are signed in.</p>",
            [
                new("session_token", "demo-session", null, true, true, SameSiteMode.Lax),
                new("csrf_token", "demo-csrf", null, false, true, SameSiteMode.Strict),
            ]),
            new("/checkout", "Checkout", "<p>Checkout state is kept while you pay through Stripe.</p>",
            [
                new("stripe_session", "demo-checkout", null, true, true, SameSiteMode.Lax),
            ]),
        ], [Settings, Privacy, Terms, Policy],
        """<script type="text/plain" data-consent="analytics" data-service="posthog" src="/demo-assets/posthog-stand-in.js"></script>"""),
        new("clinixai", "Clinical AI platform. Functional preferences wait for consent; Google and Stripe set their own cookies.",
        [
            new("/", "Home", "<p>Your dashboard preferences are remembered only if you allow functional cookies.</p>"),
            new("/signin", "Signed in", "<p>You are signed in with Auth.js (development cookie names on this demo).</p>",
            [
                new("authjs.session-token", "demo-jwt", TimeSpan.FromHours(8), true, false, SameSiteMode.Lax),
                new("authjs.csrf-token", "demo-csrf", null, true, false, SameSiteMode.Lax),
                new("authjs.callback-url", "%2Fdashboard", null, true, false, SameSiteMode.Lax),
            ]),
            new("/dashboard", "Dashboard", "<p>Dashboard. With functional cookies allowed, your role, sidebar and notification preferences are kept.</p>"),
        ], [Settings, Policy, Privacy, Terms],
        """
        <script type="text/plain" data-consent="functional" src="/demo-assets/clinixai-preferences.js"></script>
        """),
        new("connectwyze", "Team workspace. Essential cookies only today, so no banner.",
        [
            new("/", "Home", "<p>Only essential cookies and storage: no banner.</p>"),
            new("/signin", "Signed in", "<p>You are signed in with NextAuth (development cookie names on this demo).</p>",
            [
                new("next-auth.session-token", "demo-session", TimeSpan.FromDays(30), true, false, SameSiteMode.Lax),
                new("next-auth.csrf-token", "demo-csrf", null, true, false, SameSiteMode.Lax),
            ]),
            new("/workspace", "Workspace", """
                <p>Your last workspace is remembered.</p>
                <button type="button" data-store="localStorage" data-key="theme" data-value="dark">Dark mode</button>
                <button type="button" data-store="localStorage" data-key="sidebar-collapsed" data-value="true">Collapse sidebar</button>
                <p id="stored" role="status"></p>
                """,
            [
                new("cw_workspace", "acme", TimeSpan.FromDays(365), false, true, SameSiteMode.Lax),
            ]),
        ], [Policy, Privacy, Terms], ""),
    ];
}
