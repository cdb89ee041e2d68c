using System.Globalization;

namespace Consentry.Ledger.Stats;

/// <summary>
/// Turns a store's daily counts (day, group, method or category, count) into the rows of a
/// <see cref="ConsentStatsQuery"/>: days folded into weeks or months, one row per period and group.
/// </summary>
internal static class StatsRollup
{
    /// <summary>The SQL expression of a grouping over the statistics tables' columns.</summary>
    public static string Column(StatsGrouping grouping) => grouping switch
    {
        StatsGrouping.Revision => "CAST(revision AS TEXT)",
        StatsGrouping.Language => "language",
        StatsGrouping.Browser => "browser",
        _ => "''",
    };

    /// <summary>
    /// The one query of either statistics table (<c>consent_choices</c> by method, <c>consent_grants</c> by category)
    /// for both stores: parameters $1 site, $2 first day, $3 day after the last; columns day, group, key, count.
    /// </summary>
    public static string Sql(ConsentStatsQuery q, bool grants)
    {
        var (table, key) = grants ? ("consent_grants", "category") : ("consent_choices", "method");
        var group = Column(q.GroupBy);
        return $"SELECT day, {group}, {key}, CAST(SUM(n) AS BIGINT) FROM {table} WHERE site = $1 AND day >= $2 AND day < $3 GROUP BY 1, 2, 3;";
    }

    /// <summary>The day numbers (days since 1970-01-01) a query covers, as [from, to).</summary>
    public static (int From, int To) Days(ConsentStatsQuery q) => (q.From.DayNumber - Epoch.DayNumber, q.To.DayNumber - Epoch.DayNumber);

    public static IReadOnlyList<ConsentStatsRow> Build(ConsentStatsQuery q, IEnumerable<(int Day, string Group, string Method, long Count)> choices, IEnumerable<(int Day, string Group, string Category, long Count)> grants)
    {
        var rows = new SortedDictionary<(DateOnly Period, string Group), (Dictionary<string, long> Methods, Dictionary<string, long> Granted)>(Comparer<(DateOnly, string)>.Create(Compare));
        foreach (var (day, group, method, count) in choices)
        {
            var row = Row(rows, (Period(q.Interval, day), group));
            row.Methods[method] = row.Methods.GetValueOrDefault(method) + count;
        }

        foreach (var (day, group, category, count) in grants)
        {
            var row = Row(rows, (Period(q.Interval, day), group));
            row.Granted[category] = row.Granted.GetValueOrDefault(category) + count;
        }

        return [.. rows.Select(r => new ConsentStatsRow(r.Key.Period, r.Key.Group, r.Value.Methods.Values.Sum(), Sorted(r.Value.Methods), Sorted(r.Value.Granted)))];
    }

    /// <summary>The first day of the period holding <paramref name="day"/>.</summary>
    public static DateOnly Period(StatsInterval interval, int day)
    {
        var date = Epoch.AddDays(day);
        return interval switch
        {
            StatsInterval.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            StatsInterval.Month => new DateOnly(date.Year, date.Month, 1),
            _ => date,
        };
    }

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private static (Dictionary<string, long> Methods, Dictionary<string, long> Granted) Row(
        SortedDictionary<(DateOnly, string), (Dictionary<string, long>, Dictionary<string, long>)> rows, (DateOnly, string) key)
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = (new Dictionary<string, long>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal));
            rows[key] = row;
        }

        return row;
    }

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> counts) => new(counts, StringComparer.Ordinal);

    /// <summary>Periods in order; within one, revision groups by number, others by name.</summary>
    private static int Compare((DateOnly Period, string Group) a, (DateOnly Period, string Group) b)
    {
        var byPeriod = a.Period.CompareTo(b.Period);
        if (byPeriod != 0)
        {
            return byPeriod;
        }

        return int.TryParse(a.Group, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && int.TryParse(b.Group, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a.Group, b.Group);
    }
}
