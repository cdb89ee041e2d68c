using System.Runtime.CompilerServices;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Stores;

/// <summary>
/// Where receipts are kept. Every method may throw <see cref="LedgerUnavailableException"/> when the
/// database cannot be reached; nothing is then written. <see cref="AppendAsync"/> returns only after the
/// batch is durably committed, or throws, in which case none of the batch was written.
/// </summary>
public interface IReceiptStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends receipts to their sites' chains in one transaction; returns the entries in order.</summary>
    Task<IReadOnlyList<LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default);

    /// <summary>Every site with receipts.</summary>
    Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default);

    /// <summary>A site's entries in the order they were written, optionally only those received in [from, to).</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The site's entries numbered <paramref name="first"/> to <paramref name="last"/> (both included), in order, read
    /// through the sequence index (an export of a recent slice does not read the whole log); purged numbers are absent.
    /// A store of its own that does not implement it reads the site from its start and keeps the range.
    /// </summary>
    async IAsyncEnumerable<LedgerEntry> ReadRangeAsync(string site, long first, long last, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadAsync(site, cancellationToken: cancellationToken))
        {
            if (e.Sequence > last)
            {
                yield break;
            }

            if (e.Sequence >= first)
            {
                yield return e;
            }
        }
    }

    /// <summary>Every entry of one consent id, oldest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> FindAsync(string consentId, CancellationToken cancellationToken = default);

    /// <summary>The trusted start of a site's remaining chain: the last purge checkpoint, or null from the genesis.</summary>
    Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>The site's recorded head: the last sequence and hash written.</summary>
    Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consent statistics from the aggregates the ledger keeps (never a scan of the receipts): choices per period,
    /// group, method and granted category, including receipts committed since the aggregates were last brought up
    /// to date. Purges do not lower them.
    /// </summary>
    Task<IReadOnlyList<ConsentStatsRow>> StatsAsync(ConsentStatsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the aggregates up to date with the receipts committed since the last time, in one transaction (each
    /// receipt counted exactly once); returns how many were counted. <see cref="Writing.ReceiptWriter"/> calls it
    /// about once a second, off the receipts' own commits.
    /// </summary>
    Task<long> FoldStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>The site's transparency log (the Merkle tree over its entries) as it stands, or null when it has none.</summary>
    Task<LogTree?> TreeAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>The root hash of the site's tree when it had <paramref name="size"/> leaves (1 to the current size; else <see cref="ArgumentOutOfRangeException"/>).</summary>
    Task<byte[]> RootAsync(string site, long size, CancellationToken cancellationToken = default);

    /// <summary>
    /// The RFC 9162 inclusion proof of leaf <paramref name="index"/> in the site's tree of <paramref name="size"/> leaves;
    /// <see cref="ArgumentOutOfRangeException"/> for an index or size outside the tree, <see cref="KeyNotFoundException"/> for a site without one.
    /// </summary>
    Task<IReadOnlyList<byte[]>> InclusionProofAsync(string site, long index, long size, CancellationToken cancellationToken = default);

    /// <summary>The RFC 9162 consistency proof from the site's tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/>.</summary>
    Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(string site, long oldSize, long newSize, CancellationToken cancellationToken = default);

    /// <summary>The site's newest signed checkpoint (a C2SP signed note), or the one of tree size <paramref name="size"/>; null when there is none.</summary>
    Task<string?> CheckpointAsync(string site, long? size = null, CancellationToken cancellationToken = default);

    /// <summary>Every signed checkpoint of the site, oldest first: tree size and note.</summary>
    Task<IReadOnlyList<(long Size, string Note)>> CheckpointsAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs a checkpoint of every site whose tree grew since its last signed one, and keeps it; returns how many
    /// were signed. <see cref="Writing.ReceiptWriter"/> calls it after commits, never on a receipt's own commit.
    /// </summary>
    Task<int> SignCheckpointsAsync(ICheckpointSigner signer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the site's signed checkpoint of tree size <paramref name="size"/> with <paramref name="cosigned"/> (the
    /// same note with witnesses' cosignature lines added), provided it is still <paramref name="current"/>; returns
    /// whether it was replaced. The checkpoint's text and the log's own signature must stay as they are.
    /// </summary>
    Task<bool> AddCosignaturesAsync(string site, long size, string current, string cosigned, CancellationToken cancellationToken = default);

    /// <summary>Deletes a site's entries received before <paramref name="before"/>, leaving a checkpoint so the rest still verifies.</summary>
    Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default);
}
