namespace Consentry.Ledger.Receipts;

/// <summary>The fields of a receipt as the banner posts it (the stored receipt adds <c>site</c>, <c>userAgentFamily</c> and <c>serverTime</c>).</summary>
public static class ReceiptFields
{
    /// <summary>The banner's id for this receipt.</summary>
    public const string ReceiptId = "receiptId";
    /// <summary>The consent cookie's id.</summary>
    public const string ConsentId = "consentId";
    /// <summary>The manifest revision shown.</summary>
    public const string Revision = "revision";
    /// <summary>The hash of the policy shown.</summary>
    public const string PolicyHash = "policyHash";
    /// <summary>The decision per category.</summary>
    public const string Categories = "categories";
    /// <summary>The decision per service.</summary>
    public const string Services = "services";
    /// <summary>How the choice was made (<see cref="ConsentMethods"/>).</summary>
    public const string Method = "method";
    /// <summary>The banner's language.</summary>
    public const string Language = "language";
    /// <summary>The page the choice was made on.</summary>
    public const string PageUrl = "pageUrl";

    /// <summary>Every field the banner posts, each required.</summary>
    public static IReadOnlyList<string> Posted { get; } = [ReceiptId, ConsentId, Revision, PolicyHash, Categories, Services, Method, Language, PageUrl];
}
