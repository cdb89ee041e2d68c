namespace Consentry.Server.Notifications;

/// <summary>The events alerts are sent for: the <c>type</c> of a webhook's payload and an e-mail's subject line.</summary>
internal static class EventTypes
{
    /// <summary>A scheduled or manual scan saw items or findings its previous scan did not.</summary>
    public const string ScanDrift = "scan.drift";

    /// <summary>A scan found errors (undeclared items, items set before consent, …) the previous scan did not have.</summary>
    public const string ScanErrors = "scan.errors";

    /// <summary>A site's ledger chain (or the audit trail) failed verification.</summary>
    public const string VerificationFailed = "ledger.verification_failed";

    /// <summary>A site published a material revision of its cookie policy.</summary>
    public const string RevisionMaterial = "revision.material";

    /// <summary>Every event type, in the order the admin UI lists them.</summary>
    public static readonly IReadOnlyList<string> All = [ScanDrift, ScanErrors, VerificationFailed, RevisionMaterial];
}
