using System.Collections.Concurrent;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// A store's sites' tree frontiers between write transactions, so a batch need not read them back: a frontier is
/// taken out when a transaction loads its site (only if the stored tree still has the size and root it was put
/// back with) and put back when the transaction saves, so a transaction that fails leaves nothing behind and the
/// next one reads the tree from the database.
/// </summary>
internal sealed class FrontierCache
{
    private readonly ConcurrentDictionary<string, (TreeFrontier Frontier, long Size, string Root)> _frontiers = new(StringComparer.Ordinal);

    /// <summary>The site's frontier if it matches the stored <paramref name="tree"/>; it is no longer cached.</summary>
    public TreeFrontier? Take(LogTree tree) =>
        _frontiers.TryRemove(tree.Site, out var cached) && cached.Size == tree.Size && cached.Root == tree.Root ? cached.Frontier : null;

    /// <summary>Keeps the frontier a transaction saved, with the size and root it wrote.</summary>
    public void Put(LogTree tree, TreeFrontier frontier) => _frontiers[tree.Site] = (frontier, tree.Size, tree.Root);
}
