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
}
