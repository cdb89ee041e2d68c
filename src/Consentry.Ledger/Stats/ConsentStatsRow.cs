namespace Consentry.Ledger.Stats;

/// <summary>
/// How choices split in one period (and group): the number of choices, the number per consent method
/// (<c>accept-all</c>, <c>reject-all</c>, <c>custom</c>, <c>gpc</c>, <c>renewed</c>, <c>withdraw</c>, …), and
/// per category how many of those choices granted it. Periods without choices have no row.
/// </summary>
/// <param name="Period">The period's first day (UTC).</param>
/// <param name="Group">The group's value (a revision number, language or browser family), or empty when not grouped.</param>
/// <param name="Choices">Receipts counted.</param>
/// <param name="Methods">Receipts per consent method.</param>
/// <param name="Granted">Receipts granting each category.</param>
public sealed record ConsentStatsRow(DateOnly Period, string Group, long Choices, IReadOnlyDictionary<string, long> Methods, IReadOnlyDictionary<string, long> Granted);
