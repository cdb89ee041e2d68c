namespace Consentry.Ledger.Stats;

/// <summary>Which consent statistics to read: one site's choices received in [<see cref="From"/>, <see cref="To"/>), UTC days.</summary>
/// <param name="Site">The site id.</param>
/// <param name="From">The first day counted.</param>
/// <param name="To">The day after the last one counted.</param>
/// <param name="Interval">The length of each period.</param>
/// <param name="GroupBy">What each period is split by.</param>
public sealed record ConsentStatsQuery(string Site, DateOnly From, DateOnly To, StatsInterval Interval = StatsInterval.Day, StatsGrouping GroupBy = StatsGrouping.None);
