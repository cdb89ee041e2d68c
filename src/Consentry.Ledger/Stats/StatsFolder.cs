using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Stats;

/// <summary>
/// Brings the consent statistics up to date, off the receipt's own commit: the receipts each site's chain gained
/// since it last ran (by sequence number, which a site's chain assigns in commit order) are grouped by the database
/// by day and tally (a short text stored beside each receipt), added to the counts, and the site's mark moved, all in one transaction, so every receipt is counted
/// exactly once whichever instance folds and whenever it crashes. The writer folds about once a second.
/// </summary>
internal static class StatsFolder
{
    /// <summary>Sequence numbers the database groups per round.</summary>
    private const long Chunk = 50_000;

    /// <summary>Folds every site's entries up to its head; returns how many receipts were counted.</summary>
    public static async Task<long> FoldAsync(IChainTransaction tx, CancellationToken cancellationToken)
    {
        await tx.LockStatsAsync(cancellationToken);
        long counted = 0;
        foreach (var (site, folded, head) in await tx.UnfoldedAsync(cancellationToken))
        {
            var groups = new Dictionary<(int Day, string Tally), long>();
            for (var at = folded; at < head; at += Chunk)
            {
                foreach (var row in await tx.GroupAfterAsync(site, at, Math.Min(at + Chunk, head), cancellationToken))
                {
                    groups[(row.Day, row.Tally)] = groups.GetValueOrDefault((row.Day, row.Tally)) + row.Count;
                    counted += row.Count;
                }
            }

            var batch = new StatsBatch();
            foreach (var ((day, tally), count) in groups)
            {
                batch.Add(site, ReceiptTally.FromKey(day, tally), count);
            }

            if (!batch.IsEmpty)
            {
                await tx.TallyAsync(batch, cancellationToken);
            }

            await tx.SetFoldedAsync(site, head, cancellationToken);
        }

        return counted;
    }

    /// <summary>
    /// The read half of a fold, run outside the write lock (a reader beside the writer): for each site behind, its
    /// receipts after its mark up to its head, grouped by day and tally. <paramref name="behind"/> lists the sites
    /// (site, mark, head); <paramref name="group"/> reads one site's range.
    /// </summary>
    public static async Task<IReadOnlyList<FoldPlan>> PlanAsync(IReadOnlyList<(string Site, long Folded, long Head)> behind, Func<string, long, long, Task<IReadOnlyList<FoldRow>>> group)
    {
        var plans = new List<FoldPlan>();
        foreach (var (site, folded, head) in behind)
        {
            var groups = new Dictionary<(int Day, string Tally), long>();
            for (var at = folded; at < head; at += Chunk)
            {
                foreach (var row in await group(site, at, Math.Min(at + Chunk, head)))
                {
                    groups[(row.Day, row.Tally)] = groups.GetValueOrDefault((row.Day, row.Tally)) + row.Count;
                }
            }

            plans.Add(new FoldPlan(site, folded, head, groups));
        }

        return plans;
    }

    /// <summary>
    /// The write half: under the statistics lock, each planned site whose mark has not moved meanwhile (no other fold
    /// got there first) gets its counts added and its mark moved to the planned head; returns how many receipts.
    /// </summary>
    public static async Task<long> ApplyAsync(IChainTransaction tx, IReadOnlyList<FoldPlan> plans, CancellationToken cancellationToken)
    {
        await tx.LockStatsAsync(cancellationToken);
        var marks = (await tx.UnfoldedAsync(cancellationToken)).ToDictionary(u => u.Site, u => u.Folded, StringComparer.Ordinal);
        var batch = new StatsBatch();
        long counted = 0;
        foreach (var plan in plans)
        {
            if (!marks.TryGetValue(plan.Site, out var mark) || mark != plan.From)
            {
                continue;
            }

            foreach (var ((day, tally), count) in plan.Groups)
            {
                batch.Add(plan.Site, ReceiptTally.FromKey(day, tally), count);
                counted += count;
            }

            await tx.SetFoldedAsync(plan.Site, plan.Through, cancellationToken);
        }

        if (!batch.IsEmpty)
        {
            await tx.TallyAsync(batch, cancellationToken);
        }

        return counted;
    }

    /// <summary>
    /// The counts of one view from entries not folded yet (the last second's, in steady state), in the form a query
    /// reads from the table, for the query to add: statistics are exact without waiting for the next fold, and a
    /// read-only reader writes nothing.
    /// </summary>
    public static IEnumerable<(int Day, string Value, string Measure, string Key, long Count)> Tail(ConsentStatsQuery q, IEnumerable<FoldRow> unfolded)
    {
        var batch = new StatsBatch();
        foreach (var row in unfolded)
        {
            batch.Add(q.Site, ReceiptTally.FromKey(row.Day, row.Tally), row.Count);
        }

        var (from, to) = StatsRollup.Days(q);
        var dimension = StatsRollup.Dimension(q.GroupBy);
        return batch.Counts.Where(c => c.Key.Dimension == dimension && c.Key.Day >= from && c.Key.Day < to)
            .Select(c => (c.Key.Day, c.Key.Value, c.Key.Measure, c.Key.Key, c.Value));
    }
}
