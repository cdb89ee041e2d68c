using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Chain;

/// <summary>
/// One open write transaction of a store, as <see cref="ChainAppender"/> needs it: the store supplies only its
/// SQL. Methods run inside the transaction; nothing is visible to others until the store commits it.
/// </summary>
internal interface IChainTransaction
{
    /// <summary>Takes the site's write lock for the rest of the transaction (where the store has one) and reads its head.</summary>
    Task<(long Seq, string Hash)?> LockHeadAsync(string site, CancellationToken cancellationToken);

    /// <summary>The entries already stored under these (site, receipt id) pairs.</summary>
    Task<IReadOnlyDictionary<(string Site, string ReceiptId), LedgerEntry>> FindReceiptIdsAsync(IReadOnlyCollection<(string Site, string ReceiptId)> ids, CancellationToken cancellationToken);

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

    /// <summary>Moves the site's head.</summary>
    Task SetHeadAsync(string site, long seq, string hash, CancellationToken cancellationToken);
}
