using Consentry.Ledger.Stats;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>The SQLite store's reads for the consent statistics: a query (stored counts plus the not-yet-folded tail) and a fold's plan.</summary>
internal static class SqliteStats
{
    public static async Task<IReadOnlyList<ConsentStatsRow>> QueryAsync(SqliteConnection c, ConsentStatsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = StatsRollup.Days(query);
        var stored = await ReadAsync(c, StatsRollup.Sql, r => (r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)), cancellationToken,
            query.Site, StatsRollup.Dimension(query.GroupBy), from, to);
        var unfolded = await ReadAsync(c, StatsRollup.UnfoldedSql, Row, cancellationToken, query.Site);
        return StatsRollup.Build(query, stored.Concat(StatsFolder.Tail(query, unfolded)));
    }

    public static async Task<IReadOnlyList<FoldPlan>> PlanAsync(SqliteConnection c, CancellationToken cancellationToken)
    {
        var behind = await ReadAsync(c, StatsRollup.BehindSql, r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);
        return await StatsFolder.PlanAsync(behind, async (site, after, through) =>
            await ReadAsync(c, StatsRollup.GroupSql, Row, cancellationToken, site, after, through));
    }

    private static FoldRow Row(SqliteDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetInt64(2));

    /// <summary>Runs <paramref name="sql"/> with positional parameters $1, $2, … and maps every row.</summary>
    private static async Task<List<T>> ReadAsync<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            cmd.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), parameters[i]);
        }

        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
