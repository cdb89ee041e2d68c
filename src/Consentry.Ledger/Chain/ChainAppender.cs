using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Chain;

/// <summary>
/// The one rule for extending sites' chains, over any store's <see cref="IChainTransaction"/>: each site's head
/// is locked in sorted order (two writers never deadlock), a receipt whose id is already stored is answered
/// with its entry instead of being stored again, each new entry links to the one before, every
/// <see cref="CheckpointEvery"/>th entry leaves a checkpoint, and the heads move last. A purge is a chain
/// operation too: it leaves a purge checkpoint, deletes up to it, and appends a <see cref="PurgeMarker"/>
/// naming that checkpoint, so a purge checkpoint made by hand has no marker and is caught.
/// </summary>
internal static class ChainAppender
{
    public const int CheckpointEvery = 1000;

    public static async Task<IReadOnlyList<LedgerEntry>> AppendAsync(IChainTransaction tx, IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, (long Seq, string Hash)>(StringComparer.Ordinal);
        var trees = new Dictionary<string, SiteTree>(StringComparer.Ordinal);
        foreach (var site in receipts.Select(r => r.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            heads[site] = await tx.LockHeadAsync(site, cancellationToken) ?? (0, HashChain.Genesis);
            trees[site] = await SiteTree.LoadAsync(tx, site, cancellationToken);
            await trees[site].CatchUpAsync(tx, heads[site].Seq, int.MaxValue, cancellationToken);
        }

        var ids = receipts.Where(r => r.ReceiptId is not null).Select(r => new ReceiptKey(r.Site, r.ConsentId, r.ReceiptId!)).Distinct().ToList();
        var stored = ids.Count == 0 ? [] : new Dictionary<ReceiptKey, LedgerEntry>(await tx.FindReceiptIdsAsync(ids, cancellationToken));
        var moved = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<LedgerEntry>(receipts.Count);
        foreach (var r in receipts)
        {
            if (r.ReceiptId is { } id && stored.TryGetValue(new ReceiptKey(r.Site, r.ConsentId, id), out var replayed))
            {
                result.Add(replayed with { LeafIndex = replayed.Sequence > trees[r.Site].Base ? replayed.Sequence - trees[r.Site].Base - 1 : null });
                continue;
            }

            var head = heads[r.Site];
            var (next, leafHash) = HashChain.Next(r.Site, head.Seq + 1, head.Hash, r.Json);
            var entry = next with { LeafIndex = trees[r.Site].Append(next.Sequence, leafHash) };
            await tx.InsertAsync(entry, r, cancellationToken);
            if (entry.Sequence % CheckpointEvery == 0)
            {
                await tx.CheckpointAsync(new Checkpoint(entry.Site, entry.Sequence, entry.Hash), "periodic", cancellationToken);
            }

            heads[r.Site] = (entry.Sequence, entry.Hash);
            moved.Add(r.Site);

            if (r.ReceiptId is { } newId)
            {
                stored[new ReceiptKey(r.Site, r.ConsentId, newId)] = entry;
            }

            result.Add(entry);
        }

        foreach (var site in moved)
        {
            await tx.SetHeadAsync(site, heads[site].Seq, heads[site].Hash, cancellationToken);
        }

        foreach (var tree in trees.Values)
        {
            await tree.SaveAsync(tx, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Builds up to <paramref name="limit"/> leaves of the site's tree from entries already stored (a ledger from
    /// before trees), under the site's write lock; returns how many were added (0 when the tree is complete).
    /// </summary>
    public static async Task<int> GrowTreeAsync(IChainTransaction tx, string site, int limit, CancellationToken cancellationToken)
    {
        var head = await tx.LockHeadAsync(site, cancellationToken);
        if (head is null)
        {
            return 0;
        }

        var tree = await SiteTree.LoadAsync(tx, site, cancellationToken);
        var added = await tree.CatchUpAsync(tx, head.Value.Seq, limit, cancellationToken);
        await tree.SaveAsync(tx, cancellationToken);
        return added;
    }

    /// <summary>Deletes the site's entries received before <paramref name="before"/>; returns how many.</summary>
    public static async Task<int> PurgeAsync(IChainTransaction tx, string site, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tx.LockHeadAsync(site, cancellationToken);
        // Receipts about to go are counted in the statistics first (the statistics outlive them).
        await Stats.StatsFolder.FoldAsync(tx, cancellationToken);
        if (await tx.LastBeforeAsync(site, before.ToUnixTimeMilliseconds(), cancellationToken) is not { } last)
        {
            return 0;
        }

        // Entries are kept in sequence order, so everything up to the last old one goes; the checkpoint anchors the rest.
        await tx.CheckpointAsync(last, "purge", cancellationToken);
        var count = await tx.DeleteThroughAsync(site, last.Sequence, cancellationToken);
        var marker = new PurgeMarker(last.Sequence, last.Hash, before.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        await AppendAsync(tx, [new SerializedReceipt(site, "", marker.ServerTime, marker.ToJson(site))], cancellationToken);
        return count;
    }
}
