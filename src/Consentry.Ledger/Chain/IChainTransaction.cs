using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Chain;

/// <summary>
/// One open write transaction of a store, as <see cref="ChainAppender"/> needs it: the store supplies only its
/// SQL. Methods run inside the transaction; nothing is visible to others until the store commits it.
/// </summary>
internal interface IChainTransaction : ITreeStorage
{
    /// <summary>The store's cache of tree frontiers between transactions.</summary>
    FrontierCache Frontiers { get; }

    /// <summary>Stores the tree's new hashes (by storage index) and its size and root.</summary>
    Task WriteTreeAsync(LogTree tree, IReadOnlyList<(long Index, byte[] Hash)> hashes, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the site's entries after sequence <paramref name="after"/>, in sequence order.</summary>
    Task<IReadOnlyList<LedgerEntry>> EntriesAfterAsync(string site, long after, int limit, CancellationToken cancellationToken);

    /// <summary>The sequence number of the site's last purge checkpoint, or 0.</summary>
    Task<long> PurgedThroughAsync(string site, CancellationToken cancellationToken);

    /// <summary>Takes the site's write lock for the rest of the transaction (where the store has one) and reads its head.</summary>
    Task<(long Seq, string Hash)?> LockHeadAsync(string site, CancellationToken cancellationToken);

    /// <summary>
    /// The entries already stored under these (site, consent id, receipt id) triples, found through the index on
    /// (consent id, receipt id, site): a replay is the same receipt sent again, so it carries both ids.
    /// </summary>
    Task<IReadOnlyDictionary<ReceiptKey, LedgerEntry>> FindReceiptIdsAsync(IReadOnlyCollection<ReceiptKey> ids, CancellationToken cancellationToken);

    /// <summary>Stores one entry with the receipt's indexed columns.</summary>
    Task InsertAsync(LedgerEntry entry, SerializedReceipt receipt, CancellationToken cancellationToken);

    /// <summary>Records a checkpoint (<c>periodic</c> or <c>purge</c>).</summary>
    Task CheckpointAsync(Checkpoint point, string reason, CancellationToken cancellationToken);

    /// <summary>The site's newest entry received before <paramref name="before"/> (Unix milliseconds), or null.</summary>
    Task<Checkpoint?> LastBeforeAsync(string site, long before, CancellationToken cancellationToken);

    /// <summary>Deletes the site's entries up to and including <paramref name="seq"/>; returns how many.</summary>
    Task<int> DeleteThroughAsync(string site, long seq, CancellationToken cancellationToken);

    /// <summary>Adds a batch's counts to the consent statistics.</summary>
    Task TallyAsync(StatsBatch batch, CancellationToken cancellationToken);

    /// <summary>Takes the statistics' write lock for the rest of the transaction (where the store has several writers).</summary>
    Task LockStatsAsync(CancellationToken cancellationToken);

    /// <summary>Sites whose chain has entries the statistics have not counted yet: the last counted sequence number (0: none) and the head.</summary>
    Task<IReadOnlyList<(string Site, long Folded, long Head)>> UnfoldedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The site's receipts with sequence numbers in (<paramref name="after"/>, <paramref name="through"/>], grouped by
    /// what the statistics count (the database reads the JSON): day, revision, language, browser family, method,
    /// the categories object as stored, and how many.
    /// </summary>
    Task<IReadOnlyList<FoldRow>> GroupAfterAsync(string site, long after, long through, CancellationToken cancellationToken);

    /// <summary>Records that the statistics count the site's entries up to <paramref name="seq"/>.</summary>
    Task SetFoldedAsync(string site, long seq, CancellationToken cancellationToken);

    /// <summary>Keeps a signed checkpoint of the site's tree at <paramref name="size"/> (a second one of the same size is ignored).</summary>
    Task SaveCheckpointNoteAsync(string site, long size, string note, CancellationToken cancellationToken);

    /// <summary>Replaces a signed checkpoint's note if it is still <paramref name="current"/>; returns whether it was.</summary>
    Task<bool> ReplaceCheckpointNoteAsync(string site, long size, string current, string replacement, CancellationToken cancellationToken);

    /// <summary>Moves the site's head.</summary>
    Task SetHeadAsync(string site, long seq, string hash, CancellationToken cancellationToken);
}
