using System.Globalization;

namespace Consentry.Ledger.Stats;

/// <summary>
/// Turns a store's daily counts of one view (day, value, method or granted category, count) into the rows of a
/// <see cref="ConsentStatsQuery"/>: days folded into weeks or months, one row per period and group.
/// </summary>
internal static class StatsRollup
{
    /// <summary>A grouping's name in the <c>dimension</c> column (the whole site: empty).</summary>
    public static string Dimension(StatsGrouping grouping) => grouping switch
    {
        StatsGrouping.Revision => "revision",
        StatsGrouping.Language => "language",
        StatsGrouping.Browser => "browser",
        _ => "",
    };

    /// <summary>
    /// The one statistics query for both stores: one view's rows in a day range. Parameters: $1 site, $2 dimension,
    /// $3 first day, $4 day after the last; columns day, value, measure, key, count.
    /// </summary>
    public const string Sql = "SELECT day, value, measure, key, n FROM consent_counts WHERE site = $1 AND dimension = $2 AND day >= $3 AND day < $4;";

    /// <summary>The receipts of a site the statistics have not counted yet ($1 site), grouped as a fold groups them, for a query to add.</summary>
    public const string UnfoldedSql = "SELECT CAST(server_time / 86400000 AS INTEGER), tally, COUNT(*) FROM receipts WHERE site = $1 AND seq > COALESCE((SELECT seq FROM stats_folded WHERE site = $1), 0) AND tally IS NOT NULL GROUP BY 1, 2;";

    /// <summary>A site's receipts with sequence numbers in ($2, $3] ($1 site): day, tally, 1 (grouped by the folder: cheaper than the database's sort).</summary>
    public const string GroupSql = "SELECT CAST(server_time / 86400000 AS INTEGER), tally, 1 FROM receipts WHERE site = $1 AND seq > $2 AND seq <= $3 AND tally IS NOT NULL;";

    /// <summary>Sites whose head is past their statistics mark: site, mark, head.</summary>
    public const string BehindSql = "SELECT h.site, COALESCE(f.seq, 0), h.seq FROM heads h LEFT JOIN stats_folded f ON f.site = h.site WHERE h.seq > COALESCE(f.seq, 0);";

    /// <summary>Moves a site's statistics mark ($1 site, $2 seq).</summary>
    public const string FoldedSql = "INSERT INTO stats_folded (site, seq) VALUES ($1, $2) ON CONFLICT (site) DO UPDATE SET seq = excluded.seq;";

    /// <summary>The upsert of <paramref name="rows"/> count rows in one statement, parameters $1… seven a row (site, day, dimension, value, measure, key, n).</summary>
    public static string Upsert(int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO consent_counts (site, day, dimension, value, measure, key, n) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            var p = r * 7;
            sql.Append(r == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5}, ${p + 6}, ${p + 7})");
        }

        return sql.Append(" ON CONFLICT (site, day, dimension, value, measure, key) DO UPDATE SET n = consent_counts.n + excluded.n;").ToString();
    }

    /// <summary>Rows a single upsert statement holds at most (7 parameters each; SQLite allows 32,766).</summary>
    public const int RowsPerStatement = 16;

    /// <summary>The day numbers (days since 1970-01-01) a query covers, as [from, to).</summary>
    public static (int From, int To) Days(ConsentStatsQuery q) => (q.From.DayNumber - Epoch.DayNumber, q.To.DayNumber - Epoch.DayNumber);

    public static IReadOnlyList<ConsentStatsRow> Build(ConsentStatsQuery q, IEnumerable<(int Day, string Group, string Measure, string Key, long Count)> counts)
    {
        var rows = new SortedDictionary<(DateOnly Period, string Group), (Dictionary<string, long> Methods, Dictionary<string, long> Granted)>(Comparer<(DateOnly, string)>.Create(Compare));
        foreach (var (day, group, measure, key, count) in counts)
        {
            var row = Row(rows, (Period(q.Interval, day), group));
            var into = measure == StatsBatch.Method ? row.Methods : row.Granted;
            into[key] = into.GetValueOrDefault(key) + count;
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
