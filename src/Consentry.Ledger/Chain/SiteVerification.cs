namespace Consentry.Ledger.Chain;

/// <summary>The outcome of verifying one site's chain.</summary>
/// <param name="Site">The site.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstSequence">The first sequence checked (after a purge checkpoint, if any).</param>
/// <param name="LastSequence">The last sequence checked.</param>
/// <param name="Problems">Every break found; empty when the chain verifies.</param>
public sealed record SiteVerification(string Site, long Entries, long FirstSequence, long LastSequence, IReadOnlyList<ChainProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool Verified => Problems.Count == 0;

    /// <summary>For a visitor's file: how many receipts an inclusion proof ties to <see cref="Checkpoint"/>.</summary>
    public long Proven { get; init; }

    /// <summary>For a visitor's file: the checkpoint its proofs lead to, if it carries one.</summary>
    public Transparency.LogCheckpoint? Checkpoint { get; init; }

    /// <summary>True when the checkpoint's signature was checked with the log's verifier key.</summary>
    public bool SignatureChecked { get; init; }
}
