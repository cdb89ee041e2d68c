namespace Consentry.Ledger.Receipts;

/// <summary>What the statistics count of one receipt: its UTC day, the revision, language and browser family, the method, and the categories it granted.</summary>
internal sealed record ReceiptTally(int Day, int Revision, string Language, string Browser, string Method, IReadOnlyList<string> Granted)
{
    private const char Separator = '\u001f';

    /// <summary>
    /// What the statistics count of a receipt besides its day, as one short text stored beside it (the <c>tally</c>
    /// column): revision, language, browser family, method and granted categories, so that folding groups receipts
    /// in the database without reading their JSON. Null for entries that are no visitor's choice.
    /// </summary>
    public string Key => string.Join(Separator, Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Language, Browser, Method, string.Join(',', Granted));

    /// <summary>The tally of a stored <see cref="Key"/> on <paramref name="day"/>.</summary>
    public static ReceiptTally FromKey(int day, string key)
    {
        var parts = key.Split(Separator);
        return new ReceiptTally(day, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2], parts[3],
            parts[4].Length == 0 ? [] : parts[4].Split(','));
    }

    public static ReceiptTally Of(ConsentReceipt r) =>
        new(DayOf(r.ServerTime.ToUnixTimeMilliseconds()), r.Revision, r.Language, r.UserAgentFamily, r.Method,
            [.. r.Categories.Where(c => c.Value).Select(c => c.Key).Order(StringComparer.Ordinal)]);

    /// <summary>Days since 1970-01-01 (UTC) of a Unix-millisecond time.</summary>
    public static int DayOf(long unixMilliseconds) => (int)Math.Floor(unixMilliseconds / 86_400_000.0);
}
