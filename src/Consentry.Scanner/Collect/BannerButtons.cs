namespace Consentry.Scanner.Collect;

/// <summary>How to find "Reject all" and "Accept all" on Consentry's banner and on common consent platforms.</summary>
internal static class BannerButtons
{
    /// <summary>(platform, reject selector, accept selector), most specific first. Playwright selector syntax.</summary>
    public static readonly (string Platform, string Reject, string Accept)[] Known =
    [
        ("Consentry", ".cy button:text-matches('^(Reject all|Alle ablehnen|Tout refuser)$')", ".cy button:text-matches('^(Accept all|Alle akzeptieren|Tout accepter)$')"),
        ("OneTrust", "#onetrust-reject-all-handler", "#onetrust-accept-btn-handler"),
        ("Cookiebot", "#CybotCookiebotDialogBodyButtonDecline", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll"),
        ("cookieconsent", "button[data-role='necessary']", "button[data-role='all']"),
        ("Klaro", ".klaro .cm-btn-decline", ".klaro .cm-btn-accept-all"),
        ("generic", "button:text-matches('^(reject all|decline all|refuse all|deny all)$', 'i')", "button:text-matches('^(accept all|allow all|agree to all)$', 'i')"),
    ];
}
