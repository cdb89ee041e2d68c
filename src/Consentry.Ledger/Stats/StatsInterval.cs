namespace Consentry.Ledger.Stats;

/// <summary>The length of one period in a statistics series.</summary>
public enum StatsInterval
{
    /// <summary>One UTC day.</summary>
    Day,

    /// <summary>One ISO week, Monday to Sunday (UTC); the period is named by its Monday.</summary>
    Week,

    /// <summary>One calendar month (UTC); the period is named by its first day.</summary>
    Month,
}
