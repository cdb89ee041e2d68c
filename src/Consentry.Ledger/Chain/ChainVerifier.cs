namespace Consentry.Ledger.Chain;

/// <summary>
/// Checks a site's entries from a trusted starting point (the genesis, or the checkpoint left by a purge or at
/// the start of an export) and names the first cause of each break once: entries stored out of order are
/// found as the fewest moved entries (the rest form the longest run in sequence order); the chain itself is
/// then walked in sequence order, so a moved entry does not also look deleted, and a changed hash blames its
/// own entry, not the innocent successor that still links to the true one.
/// </summary>
internal static class ChainVerifier
{
    public static List<ChainProblem> Verify(string site, IReadOnlyList<LedgerEntry> stored, long startAfter = 0, string? startHash = null)
    {
        var problems = new List<ChainProblem>();
        if (Moved(stored) is { Count: > 0 } moved)
        {
            var names = string.Join(", ", moved.Take(5).Select(s => "#" + CanonicalJson.Invariant(s))) + (moved.Count > 5 ? $" and {moved.Count - 5} more" : "");
            problems.Add(new ChainProblem(site, moved[0], "reordered", $"stored out of sequence order: {names} {(moved.Count == 1 ? "was" : "were")} moved among the others"));
        }

        Walk(site, stored.OrderBy(e => e.Sequence), startAfter, startHash ?? HashChain.Genesis, problems);
        return problems;
    }

    private static void Walk(string site, IEnumerable<LedgerEntry> bySequence, long startAfter, string startHash, List<ChainProblem> problems)
    {
        var expected = startAfter + 1;
        (string Stored, string True)? previous = (startHash, startHash);
        foreach (var group in bySequence.GroupBy(e => e.Sequence))
        {
            var seq = group.Key;
            if (seq <= startAfter)
            {
                problems.Add(new ChainProblem(site, seq, "inserted", $"lies before the trusted start (#{CanonicalJson.Invariant(startAfter)}), where nothing may remain"));
                continue;
            }

            if (seq > expected)
            {
                problems.Add(new ChainProblem(site, expected, "deleted", seq == expected + 1
                    ? $"entry #{CanonicalJson.Invariant(expected)} is missing"
                    : $"entries #{CanonicalJson.Invariant(expected)} to #{CanonicalJson.Invariant(seq - 1)} are missing"));
                previous = null; // the predecessor is gone: its link cannot be checked
            }

            var e = Genuine(group, previous);
            if (group.Count() > 1)
            {
                problems.Add(new ChainProblem(site, seq, "inserted", $"{group.Count()} entries claim this sequence number; all but one were inserted"));
            }

            var recomputed = HashChain.Hash(site, e.Sequence, e.PreviousHash, e.Receipt);
            if (recomputed != e.Hash)
            {
                problems.Add(new ChainProblem(site, seq, "edited", "the receipt or its hash was changed after it was written"));
            }
            else if (previous is { } p && e.PreviousHash != p.Stored && e.PreviousHash != p.True)
            {
                problems.Add(seq == startAfter + 1
                    ? new ChainProblem(site, seq, "edited", "does not link to the trusted start (the purge checkpoint or export header)")
                    : new ChainProblem(site, seq - 1, "edited", $"rewritten with a recomputed hash: #{CanonicalJson.Invariant(seq)} was chained to a different #{CanonicalJson.Invariant(seq - 1)}"));
            }

            previous = (e.Hash, recomputed);
            expected = seq + 1;
        }
    }

    /// <summary>Of several entries claiming one sequence number, the one that hashes and links; else the first.</summary>
    private static LedgerEntry Genuine(IEnumerable<LedgerEntry> group, (string Stored, string True)? previous) =>
        group.FirstOrDefault(e => HashChain.Hash(e.Site, e.Sequence, e.PreviousHash, e.Receipt) == e.Hash && (previous is null || e.PreviousHash == previous.Value.Stored || e.PreviousHash == previous.Value.True))
        ?? group.First();

    /// <summary>The sequence numbers outside the longest run stored in non-decreasing order (duplicates are insertions, not moves): the fewest entries whose moving explains the order.</summary>
    private static List<long> Moved(IReadOnlyList<LedgerEntry> stored)
    {
        var seqs = stored.Select(e => e.Sequence).ToArray();
        var tails = new List<int>();               // index of the smallest tail of an increasing run of each length
        var parent = new int[seqs.Length];
        for (var i = 0; i < seqs.Length; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (seqs[tails[mid]] <= seqs[i])
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            parent[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }

        var inRun = new bool[seqs.Length];
        for (var i = tails.Count == 0 ? -1 : tails[^1]; i >= 0; i = parent[i])
        {
            inRun[i] = true;
        }

        return [.. seqs.Where((_, i) => !inRun[i]).Distinct().Order()];
    }
}
