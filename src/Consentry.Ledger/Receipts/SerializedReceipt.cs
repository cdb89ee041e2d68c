using Consentry.Ledger.Chain;

namespace Consentry.Ledger.Receipts;

/// <summary>
/// A receipt in its canonical JSON form, with the columns stores index. Serialising happens on the
/// request's thread, so the single group-commit loop only hashes and inserts.
/// </summary>
/// <param name="Site">The site id.</param>
/// <param name="ConsentId">The consent id.</param>
/// <param name="ServerTime">Unix milliseconds.</param>
/// <param name="Json">The canonical JSON the chain hashes.</param>
/// <param name="ReceiptId">The banner's id for this receipt; a second receipt with the same id, consent id and site is a replay and stores nothing.</param>
public sealed record SerializedReceipt(string Site, string ConsentId, long ServerTime, string Json, string? ReceiptId = null)
{
    /// <summary>Serialises <paramref name="receipt"/> canonically.</summary>
    public static SerializedReceipt From(ConsentReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new SerializedReceipt(receipt.Site, receipt.ConsentId, receipt.ServerTime.ToUnixTimeMilliseconds(), CanonicalJson.Write(receipt), receipt.ReceiptId)
        {
            Tally = ReceiptTally.Of(receipt).Key,
        };
    }

    /// <summary>What the consent statistics count of it (<see cref="ReceiptTally.Key"/>), stored beside it; null for entries that are no visitor's choice.</summary>
    internal string? Tally { get; init; }
}
