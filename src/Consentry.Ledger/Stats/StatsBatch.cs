using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Stats;

/// <summary>
/// The statistics of one commit batch, summed in memory. Each receipt counts once in each of four views of its
/// day (the whole site, its revision, its language, its browser family): its method, and each category it
/// granted. A query reads one view only, so its cost is a few rows a day whatever the traffic, and a batch adds
/// at most a few dozen rows a day however many receipts it holds.
/// </summary>
internal sealed class StatsBatch
{
    /// <summary>The <c>measure</c> of a method count.</summary>
    public const string Method = "method";

    /// <summary>The <c>measure</c> of a granted-category count.</summary>
    public const string Granted = "granted";

    public Dictionary<(string Site, int Day, string Dimension, string Value, string Measure, string Key), long> Counts { get; } = [];

    public bool IsEmpty => Counts.Count == 0;

    /// <summary>Counts <paramref name="count"/> receipts alike in <paramref name="t"/>.</summary>
    public void Add(string site, ReceiptTally t, long count)
    {
        Span<(string, string)> views =
        [
            (StatsRollup.Dimension(StatsGrouping.None), ""),
            (StatsRollup.Dimension(StatsGrouping.Revision), t.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (StatsRollup.Dimension(StatsGrouping.Language), t.Language),
            (StatsRollup.Dimension(StatsGrouping.Browser), t.Browser),
        ];
        foreach (var (dimension, value) in views)
        {
            Count((site, t.Day, dimension, value, Method, t.Method), count);
            foreach (var category in t.Granted)
            {
                Count((site, t.Day, dimension, value, Granted, category), count);
            }
        }
    }

    private void Count((string, int, string, string, string, string) key, long count) => Counts[key] = Counts.GetValueOrDefault(key) + count;
}
