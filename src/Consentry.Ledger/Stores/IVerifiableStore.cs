namespace Consentry.Ledger.Stores;

/// <summary>What verification reads beyond <see cref="IReceiptStore"/>: raw rows with their look-up columns, every checkpoint, and row-id bookkeeping.</summary>
internal interface IVerifiableStore
{
    /// <summary>The site's rows in storage order.</summary>
    IAsyncEnumerable<StoredRow> RowsAsync(string site, CancellationToken cancellationToken);

    /// <summary>Every checkpoint of the site, oldest first, with its reason (<c>periodic</c> or <c>purge</c>).</summary>
    Task<IReadOnlyList<(Checkpoint Point, string Reason)>> CheckpointsAsync(string site, CancellationToken cancellationToken);

    /// <summary>Every stored hash of the site's tree (storage index, hash).</summary>
    IAsyncEnumerable<(long Index, byte[] Hash)> TreeHashesAsync(string site, CancellationToken cancellationToken);

    /// <summary>
    /// The highest row id stored and the highest ever assigned, where the store's ids are never reused and
    /// roll back with their transaction (SQLite's AUTOINCREMENT); null where it cannot tell.
    /// </summary>
    Task<(long Stored, long Assigned)?> RowIdsAsync(CancellationToken cancellationToken);
}
