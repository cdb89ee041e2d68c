using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Consentry.Manifests;

/// <summary>
/// An item's lifetime as written in the manifest: <c>session</c>, <c>until-cleared</c>,
/// <c>until-tab-closed</c>, or an amount and unit such as <c>8h</c>, <c>365d</c>, <c>13mo</c>, <c>1y</c>
/// (long forms such as <c>8 hours</c> and <c>1 year</c> are accepted too).
/// </summary>
/// <param name="Kind">Session, fixed, until cleared or until the tab closes.</param>
/// <param name="Amount">For <see cref="DurationKind.Fixed"/>, how many units; otherwise 0.</param>
/// <param name="Unit">For <see cref="DurationKind.Fixed"/>, the unit as written.</param>
public sealed partial record CookieDuration(DurationKind Kind, int Amount, DurationUnit Unit)
{
    /// <summary>A session lifetime.</summary>
    public static CookieDuration Session { get; } = new(DurationKind.Session, 0, DurationUnit.Second);

    /// <summary>How long the item lives, for fixed durations (a month is 30 days, a year 365); otherwise null.</summary>
    public TimeSpan? Length => Kind != DurationKind.Fixed ? null : Unit switch
    {
        DurationUnit.Second => TimeSpan.FromSeconds(Amount),
        DurationUnit.Minute => TimeSpan.FromMinutes(Amount),
        DurationUnit.Hour => TimeSpan.FromHours(Amount),
        DurationUnit.Day => TimeSpan.FromDays(Amount),
        DurationUnit.Week => TimeSpan.FromDays(7 * Amount),
        DurationUnit.Month => TimeSpan.FromDays(30 * Amount),
        _ => TimeSpan.FromDays(365 * Amount),
    };

    /// <summary>Orders lifetimes: session and tab-closed are shortest, until-cleared is longest.</summary>
    public double SortKeySeconds => Kind switch
    {
        DurationKind.UntilTabClosed => 0,
        DurationKind.Session => 1,
        DurationKind.Fixed => Length!.Value.TotalSeconds,
        _ => double.MaxValue,
    };

    /// <summary>The canonical manifest spelling, e.g. <c>8h</c>, <c>1y</c>, <c>session</c>.</summary>
    public override string ToString() => Kind switch
    {
        DurationKind.Session => "session",
        DurationKind.UntilCleared => "until-cleared",
        DurationKind.UntilTabClosed => "until-tab-closed",
        _ => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
        {
            DurationUnit.Second => "s",
            DurationUnit.Minute => "min",
            DurationUnit.Hour => "h",
            DurationUnit.Day => "d",
            DurationUnit.Week => "w",
            DurationUnit.Month => "mo",
            _ => "y",
        },
    };

    /// <summary>Reads a duration; returns false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CookieDuration? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "session":
                duration = Session;
                return true;
            case "until-cleared" or "persistent":
                duration = new CookieDuration(DurationKind.UntilCleared, 0, DurationUnit.Second);
                return true;
            case "until-tab-closed":
                duration = new CookieDuration(DurationKind.UntilTabClosed, 0, DurationUnit.Second);
                return true;
        }

        var m = AmountPattern().Match(t);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        DurationUnit? unit = m.Groups[2].Value switch
        {
            "s" or "sec" or "second" or "seconds" => DurationUnit.Second,
            "m" or "min" or "minute" or "minutes" => DurationUnit.Minute,
            "h" or "hour" or "hours" => DurationUnit.Hour,
            "d" or "day" or "days" => DurationUnit.Day,
            "w" or "week" or "weeks" => DurationUnit.Week,
            "mo" or "month" or "months" => DurationUnit.Month,
            "y" or "year" or "years" => DurationUnit.Year,
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        duration = new CookieDuration(DurationKind.Fixed, amount, unit.Value);
        return true;
    }

    [GeneratedRegex(@"^(\d{1,6})\s*([a-z]+)$")]
    private static partial Regex AmountPattern();
}
