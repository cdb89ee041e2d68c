using System.Text.RegularExpressions;
using Consentry.Banner;

namespace Consentry.Scanner.Collect;

/// <summary>How to find "Reject all" and "Accept all" on Consentry's banner and on common consent platforms.</summary>
internal static class BannerButtons
{
    /// <summary>(platform, reject selector, accept selector), most specific first. Playwright selector syntax.</summary>
    public static readonly (string Platform, string Reject, string Accept)[] Known =
    [
        // Under the opt-out model of a manifest's regions, "Reject all" says "Do not sell or share my personal information".
        ("Consentry", ConsentryButton("reject_all", "optout_reject_all"), ConsentryButton("accept_all")),
        ("OneTrust", "#onetrust-reject-all-handler", "#onetrust-accept-btn-handler"),
        ("Cookiebot", "#CybotCookiebotDialogBodyButtonDecline", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll"),
        ("cookieconsent", "button[data-role='necessary']", "button[data-role='all']"),
        ("Klaro", ".klaro .cm-btn-decline", ".klaro .cm-btn-accept-all"),
        ("generic", "button:text-matches('^(reject all|decline all|refuse all|deny all)$', 'i')", "button:text-matches('^(accept all|allow all|agree to all)$', 'i')"),
    ];

    /// <summary>A button of Consentry's banner with the words of any of <paramref name="keys"/> in any built-in language.</summary>
    private static string ConsentryButton(params string[] keys) =>
        ".cy button:text-matches('^(" + string.Join('|', keys.SelectMany(k => BannerWords.InEveryLanguage(k).Values).Distinct().Select(Regex.Escape)).Replace("'", "\\'", StringComparison.Ordinal) + ")$')";
}
