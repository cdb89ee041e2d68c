namespace Consentry.Ledger.Chain;

/// <summary>What makes a receipt sent twice the same receipt: its site, its consent id and the banner's receipt id.</summary>
internal readonly record struct ReceiptKey(string Site, string ConsentId, string ReceiptId);
