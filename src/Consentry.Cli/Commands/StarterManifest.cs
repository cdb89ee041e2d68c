using System.Globalization;

namespace Consentry.Cli.Commands;

/// <summary>The text of the starter manifest <c>consentry init</c> writes.</summary>
internal static class StarterManifest
{
    public static string Write(string site, string domain, string email, string? analytics, DateOnly date, bool example = true)
    {
        var q = (string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var consentCookie = domain.Split('.')[0].ToLowerInvariant() + "_consent";
        var (providers, items) = analytics switch
        {
            "posthog" => ("""

                providers:
                  posthog:
                    name: PostHog
                    privacy_policy: https://posthog.com/privacy

                """, $"""
                  - name: {consentCookie}
                    category: necessary
                    purpose: Stores your cookie choices so you are not asked again.
                    duration: 6mo
                    attributes: {"{"} secure: true, same_site: lax, path: / {"}"}
                  - name: ph_*
                    category: analytics
                    provider: posthog
                    purpose: Product usage analytics (page views, feature use).
                    duration: 1y

                """),
            "google-analytics" => ("""

                providers:
                  google:
                    name: Google Analytics
                    privacy_policy: https://policies.google.com/privacy

                """, $"""
                  - name: {consentCookie}
                    category: necessary
                    purpose: Stores your cookie choices so you are not asked again.
                    duration: 6mo
                    attributes: {"{"} secure: true, same_site: lax, path: / {"}"}
                  - name: _ga
                    category: analytics
                    provider: google
                    purpose: Distinguishes visitors to measure how the site is used.
                    duration: 13mo
                  - name: _ga_*
                    category: analytics
                    provider: google
                    purpose: Keeps the state of an analytics session.
                    duration: 13mo

                """),
            _ => ("", ""),
        };

        return $"""
            # Consentry cookie manifest: every cookie and browser-storage key this site uses.
            # The cookie policy, the consent banner and the scanner's expectations all come from this file.
            # Reference: docs/manifest.md. Check it with: consentry validate cookies.yaml
            # Editor completion: consentry schema -o cookies.schema.json, then keep the next line.
            # yaml-language-server: $schema=cookies.schema.json
            consentry: 1

            site:
              name: {q(site)}
              domains: [{domain}]
              contact:
                email: {email}
              # privacy_policy: https://{domain}/privacy
              # terms: https://{domain}/terms
              language: en
            {providers}
            # Categories: necessary, functional, analytics and marketing exist already.
            # Describe them in your own words here, or add your own (with label, description, consent).
            # categories:
            #   analytics:
            #     description: Helps us understand how the product is used.

            items:
              # One entry per cookie or storage key. 'type' is cookie (default), localStorage,
              # sessionStorage or indexedDB. End a name with * to match a prefix (ph_*).
              # Durations: session, until-cleared, until-tab-closed, 30min, 8h, 365d, 13mo, 1y.
            {(example ? """
                  - name: session
                    category: necessary
                    purpose: Keeps you signed in.
                    duration: session
                    attributes: { secure: true, http_only: true, same_site: lax, path: / }
                """ : $"""
                  - name: {consentCookie}
                    category: necessary
                    purpose: Stores your cookie choices so you are not asked again.
                    duration: 6mo
                """)}
            {items}
            consent:
              # The cookie that remembers the visitor's choice. Needed (and must be declared above)
              # as soon as any item needs consent; the banner then appears on the first visit.
              cookie: {consentCookie}
              lifetime: 6mo
              settings_link: footer
              do_not_track: ignore
              global_privacy_control: honour

            # statements:
            #   we_do_not_use:
            #     - No advertising cookies
            #   changes: Material changes are e-mailed to account holders.

            history:
              # Add an entry for every published change. Material entries (the default) move the
              # revision and "Last updated"; set 'material: false' for wording-only edits.
              - date: {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}
                summary: First published.

            """;
    }
}
