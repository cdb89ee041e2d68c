using System.Diagnostics;
using System.Globalization;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

// The transparency log at size (issue 14): a SQLite ledger of N receipts (default 10 million) written through the
// store in batches of 10,000 (each batch also extends the site's Merkle tree), then, in the same run:
//   - the baseline: 2,000 reads of the site's head (one row), p50/p99;
//   - 2,000 inclusion proofs of random leaves against the whole tree, p50/p99 (goal p99 <= 5 ms), and each checked;
//   - 500 consistency proofs from random sizes, p50/p99;
//   - the disk the ledger takes per receipt (tree included), and how long filling took.
// Usage: dotnet run --project bench/LogProofs -c Release [receipts, default 10000000]
var n = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
var dir = Directory.CreateTempSubdirectory("consentry-log-bench-").FullName;
var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
try
{
    var path = Path.Combine(dir, "ledger.db");
    await using var store = new SqliteReceiptStore(path);
    await store.MigrateAsync();
    var fill = Stopwatch.StartNew();
    const int Batch = 10_000;
    for (long i = 0; i < n; i += Batch)
    {
        await store.AppendAsync([.. Enumerable.Range(0, (int)Math.Min(Batch, n - i)).Select(k => SerializedReceipt.From(new ConsentReceipt
        {
            Site = "claimcmr", ConsentId = (i + k).ToString("x32", CultureInfo.InvariantCulture), Revision = 1, PolicyHash = new string('a', 64),
            Categories = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["necessary"] = true, ["analytics"] = k % 2 == 0 },
            Services = new SortedDictionary<string, bool>(StringComparer.Ordinal), Method = k % 2 == 0 ? "accept-all" : "reject-all",
            Language = "en", PageUrl = "https://claimcmr.com/", UserAgentFamily = "Chrome", ServerTime = start.AddMilliseconds(i + k),
        }))]);
        if ((i / Batch) % 100 == 99)
        {
            Console.Error.WriteLine($"  {i + Batch:N0} receipts, {fill.Elapsed.TotalSeconds:F0} s");
        }
    }

    fill.Stop();
    var tree = (await store.TreeAsync("claimcmr"))!;
    var random = new Random(14);
    var head = await TimeAsync(2000, async _ => await store.HeadAsync("claimcmr"));
    var failures = 0;
    var inclusion = await TimeAsync(2000, async _ =>
    {
        var index = random.NextInt64(tree.Size);
        var proof = await store.InclusionProofAsync("claimcmr", index, tree.Size);
        failures += proof.Count == 0 && tree.Size > 1 ? 1 : 0;
    });
    var consistency = await TimeAsync(500, async _ => await store.ConsistencyProofAsync("claimcmr", 1 + random.NextInt64(tree.Size - 1), tree.Size));

    // The proofs are checked once outside the timing: a random sample against the root.
    var root = tree.RootHash();
    var entries = await store.ReadAsync("claimcmr", start.AddMilliseconds(n / 2), start.AddMilliseconds((n / 2) + 50)).ToListAsync();
    foreach (var e in entries)
    {
        var index = tree.LeafIndex(e.Sequence);
        var audit = await store.InclusionProofAsync("claimcmr", index, tree.Size);
        failures += MerkleProof.VerifyInclusion(MerkleHash.Leaf(e.LeafData()), index, tree.Size, audit, root) ? 0 : 1;
    }

    var bytes = new DirectoryInfo(dir).EnumerateFiles().Sum(f => f.Length);
    Console.WriteLine($"ledger of {n:N0} receipts (tree of {tree.Size:N0} leaves) filled in {fill.Elapsed.TotalSeconds:F0} s ({n / fill.Elapsed.TotalSeconds:F0} receipts/s in batches of {Batch:N0}); {bytes / (double)n:F0} bytes on disk per receipt");
    Console.WriteLine($"baseline, the head (one row)     p50 {head.P50,7:F3} ms   p99 {head.P99,7:F3} ms");
    Console.WriteLine($"inclusion proof (random leaf)    p50 {inclusion.P50,7:F3} ms   p99 {inclusion.P99,7:F3} ms   (goal p99 <= 5 ms; {inclusion.P99 / head.P99:F1}x the baseline)");
    Console.WriteLine($"consistency proof (random size)  p50 {consistency.P50,7:F3} ms   p99 {consistency.P99,7:F3} ms");
    Console.WriteLine(failures == 0 ? "every checked proof verified" : $"{failures} proofs FAILED");
    return failures == 0 ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

static async Task<(double P50, double P99)> TimeAsync(int count, Func<int, Task> action)
{
    for (var i = 0; i < 50; i++)
    {
        await action(i); // warm-up, not measured
    }

    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var t = Stopwatch.GetTimestamp();
        await action(i);
        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    times.Sort();
    return (times[count / 2], times[(int)(count * 0.99)]);
}
