namespace Consentry.Ledger.Stores;

/// <summary>A store verification can read raw: it opens a <see cref="ILedgerSnapshot"/>, one consistent view of the ledger.</summary>
internal interface IVerifiableStore
{
    /// <summary>
    /// Opens a read-only view of the ledger as it is now: commits made while it is open are not seen, so a ledger that
    /// keeps taking receipts verifies as the state it had at one instant (no false alarm from a commit landing
    /// between two reads).
    /// </summary>
    Task<ILedgerSnapshot> SnapshotAsync(CancellationToken cancellationToken);
}
