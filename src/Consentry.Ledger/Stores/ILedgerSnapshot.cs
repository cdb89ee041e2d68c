using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Stores;

/// <summary>
/// What verification reads, all from one consistent state of the ledger (one read transaction): the sites, each
/// site's raw rows with their look-up columns, start, head, checkpoints, tree and signed checkpoints, and the row-id
/// bookkeeping. Reads run one at a time (one connection); a read that fails throws
/// <see cref="LedgerUnavailableException"/>.
/// </summary>
internal interface ILedgerSnapshot : IAsyncDisposable
{
    /// <summary>Every site with entries or a head.</summary>
    Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken);

    /// <summary>The site's trusted start: its newest purge checkpoint, or null.</summary>
    Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken);

    /// <summary>The site's recorded head, or null.</summary>
    Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken);

    /// <summary>The site's rows in storage order.</summary>
    Task<IReadOnlyList<StoredRow>> RowsAsync(string site, CancellationToken cancellationToken);

    /// <summary>Every checkpoint of the site, oldest first, with its reason (<c>periodic</c> or <c>purge</c>).</summary>
    Task<IReadOnlyList<(Checkpoint Point, string Reason)>> CheckpointsAsync(string site, CancellationToken cancellationToken);

    /// <summary>The site's transparency-log tree, or null.</summary>
    Task<LogTree?> TreeAsync(string site, CancellationToken cancellationToken);

    /// <summary>Every stored hash of the site's tree (storage index, hash).</summary>
    Task<IReadOnlyList<(long Index, byte[] Hash)>> TreeHashesAsync(string site, CancellationToken cancellationToken);

    /// <summary>The site's signed checkpoints (tree size, note), smallest first.</summary>
    Task<IReadOnlyList<(long Size, string Note)>> NotesAsync(string site, CancellationToken cancellationToken);

    /// <summary>
    /// The highest row id stored and the highest ever assigned, where the store's ids are never reused and
    /// roll back with their transaction (SQLite's AUTOINCREMENT); null where it cannot tell.
    /// </summary>
    Task<(long Stored, long Assigned)?> RowIdsAsync(CancellationToken cancellationToken);
}
