namespace Consentry.Ledger.Stats;

/// <summary>What a statistics series is split by within each period, besides the consent method and category.</summary>
public enum StatsGrouping
{
    /// <summary>One row per period.</summary>
    None,

    /// <summary>One row per period and manifest revision shown.</summary>
    Revision,

    /// <summary>One row per period and banner language.</summary>
    Language,

    /// <summary>One row per period and browser family (Chrome, Firefox, Safari, Edge, Opera, Bot, Other).</summary>
    Browser,
}
