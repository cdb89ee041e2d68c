namespace Consentry.Ledger.Stats;

/// <summary>One site's part of a fold, read outside the write lock: its mark when read, the head it reaches, and its receipts grouped by day and tally.</summary>
/// <param name="Site">The site.</param>
/// <param name="From">Its statistics mark when the plan was read.</param>
/// <param name="Through">The head the plan reaches.</param>
/// <param name="Groups">Receipts in (From, Through] by day and tally.</param>
internal sealed record FoldPlan(string Site, long From, long Through, IReadOnlyDictionary<(int Day, string Tally), long> Groups);
