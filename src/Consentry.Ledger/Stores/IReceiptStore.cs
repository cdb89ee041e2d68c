using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;

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

    /// <summary>Deletes a site's entries received before <paramref name="before"/>, leaving a checkpoint so the rest still verifies.</summary>
    Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default);
}
