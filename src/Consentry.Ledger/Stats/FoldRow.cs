namespace Consentry.Ledger.Stats;

/// <summary>Receipts alike in all the statistics count, as the database groups them for a fold.</summary>
/// <param name="Day">Days since 1970-01-01 (UTC).</param>
/// <param name="Tally">Their <see cref="Receipts.ReceiptTally.Key"/>.</param>
/// <param name="Count">How many receipts.</param>
internal readonly record struct FoldRow(int Day, string Tally, long Count);
