using System.Threading.Channels;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Writing;

/// <summary>
/// Group commit: callers queue receipts; one loop takes everything waiting (up to a batch) and commits it
/// in one transaction, then answers each caller. A caller's task completes only after its receipt is
/// durably stored, or fails with <see cref="LedgerUnavailableException"/> when the batch could not be.
/// </summary>
public sealed class ReceiptWriter : IAsyncDisposable
{
    private readonly IReceiptStore _store;
    private readonly int _maxBatch;
    private readonly Channel<(SerializedReceipt Receipt, TaskCompletionSource<LedgerEntry> Done)> _queue;
    private readonly Task _loop;
    private readonly IDisposable _gauge;

    /// <summary>Starts the writer over <paramref name="store"/>; at most <paramref name="maxBatch"/> receipts a commit.</summary>
    public ReceiptWriter(IReceiptStore store, int maxBatch = 512, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _store = store;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<(SerializedReceipt, TaskCompletionSource<LedgerEntry>)>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _gauge = LedgerMetrics.TrackQueue(() => _queue.Reader.Count);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a receipt; completes when it is committed.</summary>
    public async Task<LedgerEntry> WriteAsync(ConsentReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var done = new TaskCompletionSource<LedgerEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((SerializedReceipt.From(receipt), done), cancellationToken);
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _gauge.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<(SerializedReceipt Receipt, TaskCompletionSource<LedgerEntry> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var entries = await _store.AppendAsync([.. batch.Select(b => b.Receipt)]);
                LedgerMetrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                LedgerMetrics.Committed.Add(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(entries[i]);
                }
            }
            catch (Exception e)
            {
                LedgerMetrics.Failed.Add(batch.Count);
                var failure = e as LedgerUnavailableException ?? new LedgerUnavailableException("The ledger could not store the receipts: " + e.Message, e);
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(failure);
                }
            }

            batch.Clear();
            StartFold();
        }

        await _fold;
        await FoldOnceAsync();
    }

    /// <summary>How often the writer brings the consent statistics up to date (queries add what is newer).</summary>
    internal static readonly TimeSpan FoldEvery = TimeSpan.FromSeconds(1);

    private long _lastFold = System.Diagnostics.Stopwatch.GetTimestamp();
    private Task _fold = Task.CompletedTask;

    /// <summary>
    /// Starts folding the receipts committed since the last fold into the statistics, beside the commit loop (the
    /// fold reads outside the store's write lock and takes it only to add the counts), at most one at a time and
    /// about once per <see cref="FoldEvery"/>.
    /// </summary>
    private void StartFold()
    {
        if (!_fold.IsCompleted || System.Diagnostics.Stopwatch.GetElapsedTime(_lastFold) < FoldEvery)
        {
            return;
        }

        _lastFold = System.Diagnostics.Stopwatch.GetTimestamp();
        _fold = Task.Run(FoldOnceAsync);
    }

    private async Task FoldOnceAsync()
    {
        try
        {
            await _store.FoldStatsAsync();
        }
        catch (Exception e) when (e is LedgerUnavailableException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The statistics catch up at the next fold; queries count what is not folded yet.
        }
    }
}
