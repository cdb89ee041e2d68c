namespace Consentry.Ledger.Chain;

/// <summary>
/// Checks a site's entries in stored order from a trusted starting point (the genesis, or the
/// checkpoint left by a purge or at the start of an export). Tells edited, deleted, reordered and
/// inserted entries apart and names them.
/// </summary>
internal static class ChainVerifier
{
    public static List<ChainProblem> Verify(string site, IEnumerable<LedgerEntry> entries, long startAfter = 0, string? startHash = null)
    {
        var problems = new List<ChainProblem>();
        var expectedSequence = startAfter + 1;
        var previousHash = startHash ?? HashChain.Genesis;
        var seen = new HashSet<long>();
        foreach (var e in entries)
        {
            if (!seen.Add(e.Sequence))
            {
                problems.Add(new ChainProblem(site, e.Sequence, "inserted", "two entries claim this sequence number: one was inserted"));
                continue;
            }

            var recomputed = HashChain.Hash(site, e.Sequence, e.PreviousHash, e.Receipt);
            if (recomputed != e.Hash)
            {
                problems.Add(new ChainProblem(site, e.Sequence, "edited", "the receipt or its hash was changed after it was written"));
            }

            if (e.Sequence != expectedSequence)
            {
                if (e.Sequence > expectedSequence)
                {
                    problems.Add(new ChainProblem(site, expectedSequence, "deleted", e.Sequence == expectedSequence + 1
                        ? $"entry #{expectedSequence} is missing"
                        : $"entries #{expectedSequence} to #{e.Sequence - 1} are missing"));
                }
                else
                {
                    problems.Add(new ChainProblem(site, e.Sequence, "reordered", $"appears after #{expectedSequence - 1}"));
                }
            }
            else if (e.PreviousHash != previousHash)
            {
                problems.Add(new ChainProblem(site, e.Sequence, recomputed == e.Hash ? "inserted" : "edited", "does not link to the entry before it"));
            }

            previousHash = e.Hash;
            expectedSequence = Math.Max(expectedSequence, e.Sequence) + 1;
        }

        return problems;
    }
}
