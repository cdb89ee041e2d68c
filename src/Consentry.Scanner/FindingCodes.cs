namespace Consentry.Scanner;

/// <summary>The scanner's stable finding codes, each documented in docs/scanner.md; never reuse a retired code.</summary>
public static class FindingCodes
{
    /// <summary>An undeclared cookie or storage item.</summary>
    public const string Undeclared = "SC001";
    /// <summary>A declared item never seen.</summary>
    public const string NeverSeen = "SC002";
    /// <summary>An item that needs consent set before any choice.</summary>
    public const string BeforeChoice = "SC003";
    /// <summary>An item that needs consent set after Reject all.</summary>
    public const string AfterReject = "SC004";
    /// <summary>Requests to other sites before any consent.</summary>
    public const string RequestsBeforeConsent = "SC005";
    /// <summary>Declared in another category than the catalogue's.</summary>
    public const string CategoryDiffers = "SC006";
    /// <summary>Declared first- or third-party, seen the other way.</summary>
    public const string PartyDiffers = "SC007";
    /// <summary>A request to a consent-requiring provider after Reject all.</summary>
    public const string RequestAfterReject = "SC008";
    /// <summary>Lives longer than declared.</summary>
    public const string LongerThanDeclared = "SC011";
    /// <summary>No Secure on an https site.</summary>
    public const string NotSecure = "SC012";
    /// <summary>A session or auth cookie without HttpOnly.</summary>
    public const string NotHttpOnly = "SC013";
    /// <summary>SameSite=None without Secure.</summary>
    public const string SameSiteNoneInsecure = "SC014";
    /// <summary>A <c>__Host-</c> / <c>__Secure-</c> prefix rule broken.</summary>
    public const string PrefixRuleBroken = "SC015";
    /// <summary>A lifetime asked for above the 400 days browsers keep.</summary>
    public const string OverBrowserCap = "SC016";
    /// <summary>A cookie the browser refused.</summary>
    public const string Refused = "SC017";
    /// <summary>No banner could be operated.</summary>
    public const string NoBanner = "SC020";
    /// <summary>A banner on screen that could not be operated.</summary>
    public const string BannerNotOperated = "SC021";
    /// <summary>A page not scanned, or not completely (time limit, truncation included).</summary>
    public const string Incomplete = "SC030";

    /// <summary>Every code with its one-line description (the SARIF rule text).</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        [Undeclared] = "Undeclared cookie or storage item",
        [NeverSeen] = "Declared item never seen",
        [BeforeChoice] = "Item needing consent set before any choice",
        [AfterReject] = "Item needing consent set after Reject all",
        [RequestsBeforeConsent] = "Requests to other sites before consent",
        [CategoryDiffers] = "Declared category differs from the catalogue's",
        [PartyDiffers] = "Declared first- or third-party, seen the other way",
        [RequestAfterReject] = "Request to a consent-requiring provider after Reject all",
        [LongerThanDeclared] = "Lives longer than declared",
        [NotSecure] = "No Secure on an https site",
        [NotHttpOnly] = "Session or auth cookie without HttpOnly",
        [SameSiteNoneInsecure] = "SameSite=None without Secure",
        [PrefixRuleBroken] = "__Host- / __Secure- prefix rule broken",
        [OverBrowserCap] = "Lifetime above 400 days",
        [Refused] = "Cookie refused by the browser",
        [NoBanner] = "No banner could be operated",
        [BannerNotOperated] = "A banner on screen could not be operated",
        [Incomplete] = "Page not scanned, or not completely",
    };
}
