using System.Globalization;
using Consentry.Ledger.Stats;

namespace Consentry.Server.Analytics;

/// <summary>Reads a statistics query from its text parameters (the API's query string, the UI's form) with the same defaults and errors.</summary>
internal static class StatsRequest
{
    /// <summary>The longest range one query may cover.</summary>
    public const int MaxDays = 3660;

    public static (ConsentStatsQuery? Query, string? Problem) Parse(string site, string? from, string? to, string? by, string? group, DateOnly today)
    {
        if (!Day(to, "to", out var end, out var problem) || !Day(from, "from", out var start, out problem))
        {
            return (null, problem);
        }

        var last = end ?? today.AddDays(1);
        var first = start ?? last.AddDays(-30);
        if (first >= last)
        {
            return (null, $"'from' ({first:yyyy-MM-dd}) must be before 'to' ({last:yyyy-MM-dd}).");
        }

        if (last.DayNumber - first.DayNumber > MaxDays)
        {
            return (null, $"The range covers {last.DayNumber - first.DayNumber} days; at most {MaxDays} at once.");
        }

        if (!Enum.TryParse<StatsInterval>(by ?? "day", ignoreCase: true, out var interval) || int.TryParse(by, out _))
        {
            return (null, $"'by' must be day, week or month, not '{Short(by)}'.");
        }

        if (!Enum.TryParse<StatsGrouping>(group ?? "none", ignoreCase: true, out var grouping) || int.TryParse(group, out _))
        {
            return (null, $"'group' must be none, revision, language or browser, not '{Short(group)}'.");
        }

        return (new ConsentStatsQuery(site, first, last, interval, grouping), null);
    }

    private static bool Day(string? text, string name, out DateOnly? day, out string? problem)
    {
        day = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }

        problem = $"'{name}' must be a date as YYYY-MM-DD, not '{Short(text)}'.";
        return false;
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
