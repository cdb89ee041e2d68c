using System.Globalization;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// Verification of a site's transparency log against its chain: the tree is rebuilt from the stored leaves (each
/// leaf of a remaining entry recomputed from the entry), every stored hash and the root must be the rebuilt ones,
/// the tree must end where the chain ends, and every signed checkpoint must name the root the tree had at its size
/// (and carry a valid signature, when the log's verifier key is given).
/// </summary>
internal static class TreeVerifier
{
    public static async Task<List<ChainProblem>> VerifyAsync(ILedgerSnapshot snapshot, string site, IReadOnlyList<LedgerEntry> entries, long last, Func<string, string?>? verifierKey, CancellationToken cancellationToken)
    {
        var problems = new List<ChainProblem>();
        if (await snapshot.TreeAsync(site, cancellationToken) is not { } tree)
        {
            if (entries.Count > 0)
            {
                problems.Add(new ChainProblem(site, entries[0].Sequence, "deleted", "the site's transparency log (its Merkle tree) is missing: it was deleted, or the ledger was not migrated ('consentry ledger migrate')"));
            }

            return problems;
        }

        var stored = new Dictionary<long, byte[]>();
        foreach (var (index, hash) in await snapshot.TreeHashesAsync(site, cancellationToken))
        {
            stored[index] = hash;
        }

        var bySequence = entries.GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.First());
        var checkpoints = await SignedRootsAsync(snapshot, site, verifierKey?.Invoke(site), problems, tree, cancellationToken);
        var rebuilt = TreeFrontier.Load(0, []);
        for (long leaf = 0; leaf < tree.Size; leaf++)
        {
            var sequence = tree.Base + leaf + 1;
            var leafHash = bySequence.TryGetValue(sequence, out var entry) ? MerkleHash.Leaf(entry.LeafData()) : stored.GetValueOrDefault(StoredHashes.Index(0, leaf));
            if (leafHash is null)
            {
                problems.Add(new ChainProblem(site, sequence, "deleted", $"leaf {Text(leaf)} of the site's transparency log is missing"));
                return problems;
            }

            string? bad = null;
            rebuilt.Append(leafHash, (i, h) => bad ??= stored.TryGetValue(i, out var s) && s.AsSpan().SequenceEqual(h) ? null : $"the transparency log's stored hash {Text(i)} (leaf {Text(leaf)}) differs from the one rebuilt from the entries");
            if (bad is not null)
            {
                problems.Add(new ChainProblem(site, sequence, "edited", bad));
                return problems;
            }

            if (checkpoints.TryGetValue(rebuilt.Size, out var root) && root != Convert.ToBase64String(rebuilt.Root()))
            {
                problems.Add(new ChainProblem(site, sequence, "edited", $"the signed checkpoint of size {Text(rebuilt.Size)} names a root the log no longer has: entries up to #{Text(sequence)} were rewritten after it was signed"));
            }
        }

        if (Convert.ToBase64String(rebuilt.Root()) != tree.Root)
        {
            problems.Add(new ChainProblem(site, tree.Base + tree.Size, "edited", "the transparency log's recorded root differs from the one rebuilt from its hashes"));
        }

        if (tree.Base + tree.Size != last)
        {
            problems.Add(new ChainProblem(site, Math.Min(tree.Base + tree.Size, last) + 1, tree.Base + tree.Size < last ? "inserted" : "deleted",
                (tree.Base + tree.Size > last ? $"entries #{Text(last + 1)} to #{Text(tree.Base + tree.Size)} were deleted: " : "entries were appended outside Consentry: ")
                + $"the transparency log ends at entry #{Text(tree.Base + tree.Size)} and the chain at #{Text(last)}"));
        }

        return problems;
    }

    /// <summary>The roots the site's signed checkpoints name, by tree size; notes that do not open are problems.</summary>
    private static async Task<Dictionary<long, string>> SignedRootsAsync(ILedgerSnapshot snapshot, string site, string? verifierKey, List<ChainProblem> problems, LogTree tree, CancellationToken cancellationToken)
    {
        var roots = new Dictionary<long, string>();
        foreach (var (size, note) in await snapshot.NotesAsync(site, cancellationToken))
        {
            try
            {
                var checkpoint = verifierKey is null ? LogCheckpoint.Parse(SignedCheckpoints.Split(note).Body) : SignedCheckpoints.Open(note, verifierKey);
                if (checkpoint.Size != size || checkpoint.Size > tree.Size)
                {
                    problems.Add(new ChainProblem(site, tree.Base + Math.Min(size, tree.Size), "deleted", $"a signed checkpoint covers {Text(checkpoint.Size)} leaves and the log has {Text(tree.Size)}: entries it covered were deleted"));
                    continue;
                }

                roots[size] = checkpoint.Root;
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                problems.Add(new ChainProblem(site, tree.Base + Math.Min(size, tree.Size), "edited", $"the signed checkpoint of size {Text(size)} does not verify: {e.Message}"));
            }
        }

        return roots;
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
