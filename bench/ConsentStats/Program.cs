using System.Diagnostics;
using System.Globalization;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;

// Consent statistics (issue 11), both halves measured in one run on the SQLite store:
//  1. the cost of keeping the aggregates: the group-commit writer fed by 64 callers, with the aggregates (it folds
//     new receipts into them about once a second) and without (a store decorator that never folds), alternated
//     five times; ratio of the medians (goal >= 0.9);
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

    // 1. The group-commit writer (64 callers) with the aggregates kept (it folds the new receipts into them about
    //    once a second) and without (the same store behind a decorator that never folds), alternated five times.
    // Two ledgers, so that neither pays for the other's receipts.
    await using var withStore = new SqliteReceiptStore(Path.Combine(dir, "with.db"));
    await using var withoutStore = new SqliteReceiptStore(Path.Combine(dir, "without.db"));
    await withStore.MigrateAsync();
    await withoutStore.MigrateAsync();
    var with = new List<double>();
    var without = new List<double>();
    const int PerRun = 100_000;
    for (var round = 0; round < 5; round++)
    {
        foreach (var aggregates in round % 2 == 0 ? new[] { true, false } : [false, true])
        {
            IReceiptStore target = aggregates ? withStore : new NoFolding(withoutStore);
            var writer = new ReceiptWriter(target);
            var next = 0;
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= PerRun)
                {
                    await writer.WriteAsync(Make(Interlocked.Increment(ref id)) with { Site = "bench" });
                }
            }));
            await writer.DisposeAsync(); // the last fold is part of the cost
            (aggregates ? with : without).Add(PerRun / sw.Elapsed.TotalSeconds);
        }
    }

    double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    Console.WriteLine($"writer, 64 callers, with aggregates    {Median(with),9:F0} receipts/s (median of 5)");
    Console.WriteLine($"writer, 64 callers, without aggregates {Median(without),9:F0} receipts/s (median of 5)");
    Console.WriteLine($"ratio with/without: {Median(with) / Median(without):F2} (goal >= 0.90)");

    // 2. A year of receipts, then the statistics API.
    var fill = Stopwatch.StartNew();
    double foldSeconds = 0;
    const int FillBatch = 5000;
    for (long i = 0; i < n; i += FillBatch)
    {
        await store.AppendAsync([.. Enumerable.Range(0, (int)Math.Min(FillBatch, n - i)).Select(k => SerializedReceipt.From(Make(i + k)))]);
        if ((i / FillBatch) % 20 == 19)
        {
            var f = Stopwatch.GetTimestamp();
            await store.FoldStatsAsync(); // as the writer would, every so often
            foldSeconds += Stopwatch.GetElapsedTime(f).TotalSeconds;
        }

        if ((i / FillBatch) % 200 == 0)
        {
            Console.Error.Write($"\rfilling: {i:N0} of {n:N0} receipts ({fill.Elapsed.TotalSeconds:F0} s)   ");
        }
    }

    Console.Error.WriteLine();
    var last = Stopwatch.GetTimestamp();
    await store.FoldStatsAsync();
    foldSeconds += Stopwatch.GetElapsedTime(last).TotalSeconds;
    Console.WriteLine($"filled {n:N0} receipts in {fill.Elapsed.TotalSeconds:F0} s ({n / fill.Elapsed.TotalSeconds:F0}/s), of which folding them into the statistics {foldSeconds:F1} s; database {new FileInfo(store.Path).Length / 1e9:F1} GB");
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

/// <summary>The store without statistics upkeep: folding does nothing (the baseline of the comparison).</summary>
internal sealed class NoFolding(IReceiptStore inner) : IReceiptStore
{
    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<Consentry.Ledger.Chain.LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default) => inner.AppendAsync(receipts, cancellationToken);

    public Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default) => inner.SitesAsync(cancellationToken);

    public IAsyncEnumerable<Consentry.Ledger.Chain.LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) => inner.ReadAsync(site, from, to, cancellationToken);

    public IAsyncEnumerable<Consentry.Ledger.Chain.LedgerEntry> ReadRangeAsync(string site, long first, long last, CancellationToken cancellationToken = default) => inner.ReadRangeAsync(site, first, last, cancellationToken);

    public Task<IReadOnlyList<Consentry.Ledger.Chain.LedgerEntry>> FindAsync(string consentId, CancellationToken cancellationToken = default) => inner.FindAsync(consentId, cancellationToken);

    public Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken = default) => inner.StartAsync(site, cancellationToken);

    public Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken = default) => inner.HeadAsync(site, cancellationToken);

    public Task<IReadOnlyList<ConsentStatsRow>> StatsAsync(ConsentStatsQuery query, CancellationToken cancellationToken = default) => inner.StatsAsync(query, cancellationToken);

    public Task<long> FoldStatsAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default) => inner.PurgeBeforeAsync(site, before, cancellationToken);

    public Task<Consentry.Ledger.Transparency.LogTree?> TreeAsync(string site, CancellationToken cancellationToken = default) => inner.TreeAsync(site, cancellationToken);

    public Task<byte[]> RootAsync(string site, long size, CancellationToken cancellationToken = default) => inner.RootAsync(site, size, cancellationToken);

    public Task<IReadOnlyList<byte[]>> InclusionProofAsync(string site, long index, long size, CancellationToken cancellationToken = default) => inner.InclusionProofAsync(site, index, size, cancellationToken);

    public Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(string site, long oldSize, long newSize, CancellationToken cancellationToken = default) => inner.ConsistencyProofAsync(site, oldSize, newSize, cancellationToken);

    public Task<string?> CheckpointAsync(string site, long? size = null, CancellationToken cancellationToken = default) => inner.CheckpointAsync(site, size, cancellationToken);

    public Task<IReadOnlyList<(long Size, string Note)>> CheckpointsAsync(string site, CancellationToken cancellationToken = default) => inner.CheckpointsAsync(site, cancellationToken);

    public Task<int> SignCheckpointsAsync(Consentry.Ledger.Transparency.ICheckpointSigner signer, CancellationToken cancellationToken = default) => inner.SignCheckpointsAsync(signer, cancellationToken);

    public Task<bool> AddCosignaturesAsync(string site, long size, string current, string cosigned, CancellationToken cancellationToken = default) => inner.AddCosignaturesAsync(site, size, current, cosigned, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
