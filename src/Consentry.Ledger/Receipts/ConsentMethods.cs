namespace Consentry.Ledger.Receipts;

/// <summary>How a choice was made: the <c>method</c> of a receipt and the <c>m</c> of the consent cookie (the banner's <c>consentry.d.ts</c> lists the same).</summary>
public static class ConsentMethods
{
    /// <summary>"Accept all".</summary>
    public const string AcceptAll = "accept-all";
    /// <summary>"Reject all".</summary>
    public const string RejectAll = "reject-all";
    /// <summary>A choice per category in the preferences.</summary>
    public const string Custom = "custom";
    /// <summary>A consent taken back.</summary>
    public const string Withdraw = "withdraw";
    /// <summary>The first choice after a revision asked again.</summary>
    public const string Renewed = "renewed";
    /// <summary>Global Privacy Control took marketing out of the choice, or narrowed an earlier consent.</summary>
    public const string Gpc = "gpc";
    /// <summary>Do Not Track answered the banner (where the manifest honours it).</summary>
    public const string Dnt = "dnt";
    /// <summary>The page's script chose through <c>window.consentry.accept</c>.</summary>
    public const string Api = "api";
    /// <summary>The choice a signed-in account made on another browser, applied here by the site's server.</summary>
    public const string Linked = "linked";

    /// <summary>The methods a visitor's banner may post; <see cref="Linked"/> is written only by the site's server.</summary>
    public static IReadOnlySet<string> Posted { get; } = new HashSet<string>(StringComparer.Ordinal) { AcceptAll, RejectAll, Custom, Withdraw, Renewed, Gpc, Dnt, Api };

    /// <summary>Every method.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(Posted, StringComparer.Ordinal) { Linked };
}
