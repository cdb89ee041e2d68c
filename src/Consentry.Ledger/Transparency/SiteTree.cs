using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// A site's tree while a transaction extends its chain: loaded under the site's write lock, given every new entry
/// in sequence order, written back (new hashes, size and root) in the same transaction as the entries, so a
/// committed entry's leaf is exactly as durable as the entry. A tree behind its chain (a ledger from before trees,
/// or one being built in steps by the migration) first takes the stored entries it lacks.
/// </summary>
internal sealed class SiteTree
{
    private readonly TreeFrontier _frontier;
    private readonly List<(long Index, byte[] Hash)> _pending = [];

    private SiteTree(string site, long @base, TreeFrontier frontier)
    {
        Site = site;
        Base = @base;
        _frontier = frontier;
    }

    public string Site { get; }

    public long Base { get; }

    /// <summary>The sequence number of the last entry in the tree.</summary>
    public long Last => Base + _frontier.Size;

    /// <summary>Loads the site's tree (a new one starts after the last purge, if any), without catching up.</summary>
    public static async Task<SiteTree> LoadAsync(IChainTransaction tx, string site, CancellationToken cancellationToken)
    {
        if (await tx.ReadTreeAsync(site, cancellationToken) is not { } tree)
        {
            return new SiteTree(site, await tx.PurgedThroughAsync(site, cancellationToken), TreeFrontier.Load(0, []));
        }

        if (tx.Frontiers.Take(tree) is { } cached)
        {
            return new SiteTree(site, tree.Base, cached);
        }

        var indexes = TreeFrontier.Indexes(tree.Size);
        var found = await tx.ReadHashesAsync(site, indexes, cancellationToken);
        if (indexes.Any(i => !found.ContainsKey(i)))
        {
            throw new LedgerUnavailableException($"The ledger's tree of '{site}' is missing stored hashes: it was damaged outside Consentry. Run 'consentry ledger verify --site {site}'.");
        }

        return new SiteTree(site, tree.Base, TreeFrontier.Load(tree.Size, [.. indexes.Select(i => found[i])]));
    }

    /// <summary>Adds the stored entries after the tree's last, up to <paramref name="through"/> (at most <paramref name="limit"/>); returns how many.</summary>
    public async Task<int> CatchUpAsync(IChainTransaction tx, long through, int limit, CancellationToken cancellationToken)
    {
        var added = 0;
        while (Last < through && added < limit)
        {
            var entries = await tx.EntriesAfterAsync(Site, Last, Math.Min(10_000, limit - added), cancellationToken);
            if (entries.Count == 0 || entries[0].Sequence != Last + 1)
            {
                throw new LedgerUnavailableException($"The ledger cannot build the tree of '{Site}': entry #{Last + 1} is missing. Run 'consentry ledger verify --site {Site}'.");
            }

            foreach (var entry in entries.TakeWhile(e => e.Sequence <= through))
            {
                Append(entry);
                added++;
            }
        }

        return added;
    }

    /// <summary>Adds a stored entry as the next leaf; returns its leaf index.</summary>
    public long Append(LedgerEntry entry) => Append(entry.Sequence, MerkleHash.Leaf(entry.LeafData()));

    /// <summary>Adds the entry with sequence number <paramref name="sequence"/>, whose leaf hash is <paramref name="leafHash"/>, as the next leaf; returns its leaf index.</summary>
    public long Append(long sequence, byte[] leafHash)
    {
        if (sequence != Last + 1)
        {
            throw new InvalidOperationException($"Entry #{sequence} of '{Site}' cannot follow leaf {_frontier.Size} (entry #{Last}).");
        }

        var index = _frontier.Size;
        _frontier.Append(leafHash, (i, h) => _pending.Add((i, h)));
        return index;
    }

    /// <summary>The tree as it stands.</summary>
    public LogTree Tree => new(Site, Base, _frontier.Size, Convert.ToBase64String(_frontier.Root()));

    /// <summary>Writes what was added since loading (nothing when nothing was).</summary>
    public async Task SaveAsync(IChainTransaction tx, CancellationToken cancellationToken)
    {
        var tree = Tree;
        if (_pending.Count > 0)
        {
            await tx.WriteTreeAsync(tree, _pending, cancellationToken);
            _pending.Clear();
        }

        tx.Frontiers.Put(tree, _frontier);
    }
}
