namespace Consentry.Ledger.Receipts;

/// <summary>What the statistics count of one receipt: its UTC day, the revision, language and browser family, the method, and the categories it granted.</summary>
internal sealed record ReceiptTally(int Day, int Revision, string Language, string Browser, string Method, IReadOnlyList<string> Granted)
{
    public static ReceiptTally Of(ConsentReceipt r) =>
        new(DayOf(r.ServerTime.ToUnixTimeMilliseconds()), r.Revision, r.Language, r.UserAgentFamily, r.Method,
            [.. r.Categories.Where(c => c.Value).Select(c => c.Key).Order(StringComparer.Ordinal)]);

    /// <summary>Days since 1970-01-01 (UTC) of a Unix-millisecond time.</summary>
    public static int DayOf(long unixMilliseconds) => (int)Math.Floor(unixMilliseconds / 86_400_000.0);
}
