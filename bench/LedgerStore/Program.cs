using System.Diagnostics;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;

// The ledger's share of a receipt's cost, without HTTP: the SQLite store appending batches of 1, 8 and
// 64 fsync'd receipts, then the group-commit writer fed by 64 concurrent callers. Baseline in the same
// run: batches of one (one fsync per receipt). Usage: dotnet run --project bench/LedgerStore -c Release [receipts]
var n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var dir = Directory.CreateTempSubdirectory("consentry-bench-").FullName;
try
{
    await using var store = new SqliteReceiptStore(Path.Combine(dir, "ledger.db"));
    await store.MigrateAsync();
    var id = 0;
    ConsentReceipt Next() => new()
    {
        Site = "claimcmr", ConsentId = Interlocked.Increment(ref id).ToString("x32", System.Globalization.CultureInfo.InvariantCulture), Revision = 1, PolicyHash = new string('a', 64),
        Categories = new SortedDictionary<string, bool> { ["necessary"] = true, ["analytics"] = true }, Services = new SortedDictionary<string, bool> { ["posthog"] = true },
        Method = "accept-all", Language = "en", PageUrl = "https://claimcmr.com/", UserAgentFamily = "Chrome", ServerTime = DateTimeOffset.UtcNow,
    };

    double baseline = 0;
    foreach (var batch in new[] { 1, 8, 64 })
    {
        var count = batch == 1 ? Math.Min(n, 3000) : n;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i += batch)
        {
            await store.AppendAsync([.. Enumerable.Range(0, batch).Select(_ => SerializedReceipt.From(Next()))]);
        }

        var rate = count / sw.Elapsed.TotalSeconds;
        baseline = batch == 1 ? rate : baseline;
        Console.WriteLine($"store, batches of {batch,2}            {rate,9:F0} receipts/s   {1e6 / rate,7:F1} us each   x{rate / baseline:F1} vs batches of 1");
    }

    await using var writer = new ReceiptWriter(store);
    var next = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= n)
        {
            await writer.WriteAsync(Next());
        }
    }));
    var writerRate = n / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"group-commit writer, 64 callers {writerRate,9:F0} receipts/s   {1e6 / writerRate,7:F1} us each   x{writerRate / baseline:F1} vs batches of 1");
    await store.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
finally
{
    Directory.Delete(dir, recursive: true);
}
