using Quartz;

namespace Consentry.Server.Scans;

/// <summary>
/// Cron expressions as people write them: the five fields of Unix cron (<c>0 3 * * 1</c>: minute, hour, day of
/// month, month, day of week with Sunday 0), or Quartz's six or seven (seconds first). Times are UTC.
/// </summary>
internal static class CronText
{
    /// <summary>The Quartz form of <paramref name="text"/>, or the problem with it in words.</summary>
    public static (string? Quartz, string? Problem) Parse(string? text)
    {
        var fields = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6 or 7))
        {
            return (null, $"'{text}' is not a cron expression: give five fields (minute hour day-of-month month day-of-week, such as '0 3 * * 1' for Mondays at 03:00 UTC) or Quartz's six.");
        }

        try
        {
            var parsed = CronExpression.Parse(string.Join(' ', fields), fields.Length == 5 ? CronFormat.Unix : CronFormat.Quartz);
            var expression = new CronExpression(parsed.CronExpressionString, TimeZoneInfo.Utc);
            return expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null ? (null, $"'{text}' never fires again.") : (parsed.CronExpressionString, null);
        }
        catch (FormatException e)
        {
            return (null, $"'{text}' is not a valid cron expression: {e.Message}");
        }
    }
}
