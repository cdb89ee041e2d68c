using System.Diagnostics;
using System.Globalization;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;

// Consent statistics (issue 11), both halves measured in one run on the SQLite store:
//  1. the cost of keeping the aggregates: batches of 64 receipts (the writer's usual batch under load) appended
//     with the aggregates (SerializedReceipt.From) and without (the same canonical JSON, no tally), alternated
//     batch by batch; ratio of the receipt rates (goal >= 0.9);
//  2. the statistics API's answer over a large ledger: N receipts (default 10 million) over a year, three
//     revisions, three languages, six browsers, six methods, written through the store in batches of 5,000;
//     then 200 queries of a year's daily series (half of them split by a dimension), p50/p95/max (goal p95 <= 100 ms).
// Usage: dotnet run --project bench/ConsentStats -c Release [receipts, default 10000000]
var n = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
var dir = Directory.CreateTempSubdirectory("consentry-stats-bench-").FullName;
string[] methods = ["accept-all", "reject-all", "custom", "gpc", "renewed", "withdraw"];
string[] languages = ["en", "de", "fr"];
string[] browsers = ["Chrome", "Firefox", "Safari", "Edge", "Opera", "Other"];
var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
long id = 0;
ConsentReceipt Make(long i) => new()
{
    Site = "claimcmr", ConsentId = i.ToString("x32", CultureInfo.InvariantCulture), ReceiptId = (i + (1L << 40)).ToString("x32", CultureInfo.InvariantCulture),
    Revision = 1 + (int)(i % 3), PolicyHash = new string('a', 64),
    Categories = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["necessary"] = true, ["analytics"] = i % 2 == 0, ["marketing"] = i % 5 == 0 },
    Services = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["posthog"] = i % 2 == 0 },
    Method = methods[i % methods.Length], Language = languages[(i / 7) % languages.Length], PageUrl = "https://claimcmr.com/", UserAgentFamily = browsers[(i / 11) % browsers.Length],
    ServerTime = start.AddMilliseconds(i * (365.0 * 86_400_000 / Math.Max(n, 1))),
};

try
{
    await using var store = new SqliteReceiptStore(Path.Combine(dir, "ledger.db"));
    await store.MigrateAsync();

    // 1. Writing with and without aggregates, batch by batch alternated (and which goes first alternated), so that
    //    drift on a shared machine, WAL checkpoints and garbage collection fall on both alike.
    const int Batch = 64, Batches = 1500;
    SerializedReceipt[] NewBatch(bool aggregates) => [.. Enumerable.Range(0, Batch).Select(_ =>
    {
        var full = SerializedReceipt.From(Make(Interlocked.Increment(ref id)) with { Site = "bench" });
        return aggregates ? full : new SerializedReceipt(full.Site, full.ConsentId, full.ServerTime, full.Json, full.ReceiptId);
    })];
    var withBatches = Enumerable.Range(0, Batches).Select(_ => NewBatch(true)).ToList();
    var withoutBatches = Enumerable.Range(0, Batches).Select(_ => NewBatch(false)).ToList();
    double withSeconds = 0, withoutSeconds = 0;
    for (var i = 0; i < Batches; i++)
    {
        foreach (var aggregates in i % 2 == 0 ? new[] { true, false } : [false, true])
        {
            var started = Stopwatch.GetTimestamp();
            await store.AppendAsync(aggregates ? withBatches[i] : withoutBatches[i]);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (aggregates)
            {
                withSeconds += seconds;
            }
            else
            {
                withoutSeconds += seconds;
            }
        }
    }

    Console.WriteLine($"append, batches of {Batch}, with aggregates    {Batch * Batches / withSeconds,9:F0} receipts/s");
    Console.WriteLine($"append, batches of {Batch}, without aggregates {Batch * Batches / withoutSeconds,9:F0} receipts/s");
    Console.WriteLine($"ratio with/without: {withoutSeconds / withSeconds:F2} (goal >= 0.90)");

    // 2. A year of receipts, then the statistics API.
    var fill = Stopwatch.StartNew();
    const int FillBatch = 5000;
    for (long i = 0; i < n; i += FillBatch)
    {
        await store.AppendAsync([.. Enumerable.Range(0, (int)Math.Min(FillBatch, n - i)).Select(k => SerializedReceipt.From(Make(i + k)))]);
        if ((i / FillBatch) % 200 == 0)
        {
            Console.Error.Write($"\rfilling: {i:N0} of {n:N0} receipts ({fill.Elapsed.TotalSeconds:F0} s)   ");
        }
    }

    Console.Error.WriteLine();
    Console.WriteLine($"filled {n:N0} receipts in {fill.Elapsed.TotalSeconds:F0} s ({n / fill.Elapsed.TotalSeconds:F0}/s); database {new FileInfo(store.Path).Length / 1e9:F1} GB");
    var year = new DateOnly(2025, 1, 1);
    var times = new List<double>();
    var groupings = new[] { StatsGrouping.None, StatsGrouping.Revision, StatsGrouping.Language, StatsGrouping.Browser };
    long rows = 0;
    for (var q = 0; q < 200; q++)
    {
        var query = new ConsentStatsQuery("claimcmr", year, year.AddYears(1), StatsInterval.Day, q % 2 == 0 ? StatsGrouping.None : groupings[q % groupings.Length]);
        var sw = Stopwatch.StartNew();
        var result = await store.StatsAsync(query);
        times.Add(sw.Elapsed.TotalMilliseconds);
        rows += result.Sum(r => r.Choices);
    }

    times.Sort();
    Console.WriteLine($"statistics, a year's daily series, 200 queries: p50 {times[100]:F1} ms, p95 {times[189]:F1} ms, max {times[^1]:F1} ms (goal p95 <= 100 ms); each counted {rows / 200:N0} choices");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}
