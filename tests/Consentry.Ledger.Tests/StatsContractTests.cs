using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;

namespace Consentry.Ledger.Tests;

/// <summary>Consent statistics every store keeps as receipts are written; run once per store through <see cref="StoreContractTests"/>.</summary>
internal static class StatsContractTests
{
    /// <summary>Day 0 is 2026-03-02 (a Monday), UTC.</summary>
    public static readonly DateOnly Monday = new(2026, 3, 2);

    public static ConsentReceipt Choice(int i, int day, string method, string language = "en", string browser = "Chrome", int revision = 1, string site = "claimcmr") =>
        Receipts.Make(i, site, method) with
        {
            ServerTime = new DateTimeOffset(Monday.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddSeconds(i),
            Language = language,
            UserAgentFamily = browser,
            Revision = revision,
            ReceiptId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>Six choices over three days and two weeks; one for another site.</summary>
    public static IReadOnlyList<SerializedReceipt> Sample() =>
    [
        .. new[]
        {
            Choice(1, 0, ConsentMethods.AcceptAll),
            Choice(2, 0, ConsentMethods.RejectAll, "de"),
            Choice(3, 0, ConsentMethods.AcceptAll, "de", "Firefox", 2),
            Choice(4, 1, ConsentMethods.Gpc, browser: "Firefox", revision: 2),
            Choice(5, 7, ConsentMethods.AcceptAll, revision: 2),
            Choice(6, 7, ConsentMethods.Withdraw, revision: 2),
            Choice(7, 0, ConsentMethods.AcceptAll, site: "other"),
        }.Select(SerializedReceipt.From),
    ];

    public static Task<IReadOnlyList<ConsentStatsRow>> QueryAsync(Stores.IReceiptStore store, StatsInterval interval = StatsInterval.Day, StatsGrouping by = StatsGrouping.None) =>
        store.StatsAsync(new ConsentStatsQuery("claimcmr", Monday, Monday.AddDays(14), interval, by), TestContext.Current.CancellationToken);

    /// <summary>"2026-03-02 : 3 accept-all=2 reject-all=1 | analytics=2 necessary=3", one line a row, for whole-result assertions.</summary>
    public static string Show(IEnumerable<ConsentStatsRow> rows) => string.Join("\n", rows.Select(r =>
        $"{r.Period:yyyy-MM-dd} {r.Group}: {r.Choices} {string.Join(' ', r.Methods.Select(m => $"{m.Key}={m.Value}"))} | {string.Join(' ', r.Granted.Select(g => $"{g.Key}={g.Value}"))}"));
}
