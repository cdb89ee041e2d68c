namespace Consentry.Banner;

/// <summary>Names the banner uses in the visitor's browser, which the server and the scanner must know too.</summary>
public static class BannerProtocol
{
    /// <summary>The localStorage key where receipts the server could not take wait for the next page.</summary>
    public const string PendingReceiptsKey = "consentry-pending";

    /// <summary>
    /// The localStorage key holding the policy revision a visitor of a site without a banner last saw, so that a
    /// material change is announced to returning visitors once.
    /// </summary>
    public const string SeenRevisionKey = "consentry-revision";

    /// <summary>The consent cookie's name when the manifest's <c>consent.cookie</c> names none.</summary>
    public const string DefaultConsentCookie = "consentry_consent";
}
