using System.Threading.Channels;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

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
    private readonly ICheckpointSigner? _signer;
    private readonly TimeSpan _checkpointEvery;

    /// <summary>Starts the writer over <paramref name="store"/>; at most <paramref name="maxBatch"/> receipts a commit.</summary>
    public ReceiptWriter(IReceiptStore store, int maxBatch = 512, int capacity = 100_000)
        : this(store, null, null, maxBatch, capacity)
    {
    }

    /// <summary>
    /// Starts the writer over <paramref name="store"/>; with a <paramref name="signer"/>, a checkpoint of every site's
    /// transparency log that grew is signed and kept about every <paramref name="checkpointEvery"/> (default one
    /// second; <see cref="TimeSpan.Zero"/>: after every commit), beside the commits (a receipt is answered after its
    /// own commit, never after a signature), and once more when the writer stops.
    /// </summary>
    public ReceiptWriter(IReceiptStore store, ICheckpointSigner? signer, TimeSpan? checkpointEvery = null, int maxBatch = 512, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _store = store;
        _signer = signer;
        _checkpointEvery = checkpointEvery ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_checkpointEvery, TimeSpan.Zero, nameof(checkpointEvery));
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
            StartSigning();
        }

        await _fold;
        await FoldOnceAsync();
        await _signing;
        await SignOnceAsync();
    }

    private readonly Lock _signGate = new();
    private bool _signPending;
    private bool _signingRuns;
    private long _lastSigning;
    private Task _signing = Task.CompletedTask;

    /// <summary>
    /// Asks for the logs that grew to be signed, beside the commit loop: one signing round at a time, at most about
    /// once per interval, and a commit made while a round runs or waits is always covered by the next round, so the
    /// last commit before a quiet spell is signed too.
    /// </summary>
    private void StartSigning()
    {
        if (_signer is null)
        {
            return;
        }

        lock (_signGate)
        {
            _signPending = true;
            if (_signingRuns)
            {
                return;
            }

            _signingRuns = true;
        }

        _signing = Task.Run(SignWhilePendingAsync);
    }

    private async Task SignWhilePendingAsync()
    {
        while (true)
        {
            lock (_signGate)
            {
                if (!_signPending)
                {
                    _signingRuns = false;
                    return;
                }

                _signPending = false;
            }

            var wait = _lastSigning == 0 ? TimeSpan.Zero : _checkpointEvery - System.Diagnostics.Stopwatch.GetElapsedTime(_lastSigning);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            _lastSigning = System.Diagnostics.Stopwatch.GetTimestamp();
            await SignOnceAsync();
        }
    }

    private async Task SignOnceAsync()
    {
        if (_signer is null)
        {
            return;
        }

        try
        {
            LedgerMetrics.Checkpoints.Add(await _store.SignCheckpointsAsync(_signer));
        }
        catch (Exception e) when (e is LedgerUnavailableException or InvalidOperationException or System.Data.Common.DbException or System.Security.Cryptography.CryptographicException)
        {
            // The next commit's signing covers what this one missed; verify names a log without checkpoints.
            LedgerMetrics.CheckpointFailures.Add(1);
        }
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
