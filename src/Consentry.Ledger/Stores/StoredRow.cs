using Consentry.Ledger.Chain;

namespace Consentry.Ledger.Stores;

/// <summary>One stored row as it is on disk: the entry and the columns kept beside it for look-ups, which verification checks against the hashed receipt.</summary>
/// <param name="Id">The row's storage order.</param>
/// <param name="Entry">The entry.</param>
/// <param name="ConsentId">The consent-id column.</param>
/// <param name="ServerTime">The server-time column (Unix milliseconds).</param>
/// <param name="ReceiptId">The receipt-id column.</param>
/// <param name="Tally">The statistics' tally column (null for entries that are no visitor's choice, and for receipts stored before it existed).</param>
internal sealed record StoredRow(long Id, LedgerEntry Entry, string ConsentId, long ServerTime, string? ReceiptId, string? Tally = null);
