using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Consentry.Ledger.Writing;

/// <summary>
/// The ledger's metrics (meter <c>Consentry.Ledger</c>, for OpenTelemetry or any <see cref="MeterListener"/>):
/// commit latency, receipts committed, checkpoints signed, and the writers' queue depth.
/// </summary>
internal static class LedgerMetrics
{
    public const string MeterName = "Consentry.Ledger";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<Func<int>, byte> Queues = new();

    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("consentry.ledger.commit.duration", "s", "Time from a batch's start to its durable commit");

    public static readonly Counter<long> Committed = Meter.CreateCounter<long>("consentry.ledger.receipts.committed", "{receipt}", "Receipts answered from a commit (replays included)");

    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("consentry.ledger.receipts.failed", "{receipt}", "Receipts whose batch the store refused");

    public static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>("consentry.ledger.checkpoints.signed", "{checkpoint}", "Signed checkpoints of the sites' transparency logs");

    public static readonly Counter<long> CheckpointFailures = Meter.CreateCounter<long>("consentry.ledger.checkpoints.failed", "{attempt}", "Signing rounds the store or the signer refused");

    static LedgerMetrics() =>
        Meter.CreateObservableGauge("consentry.ledger.writer.queue", () => Queues.Keys.Sum(q => q()), "{receipt}", "Receipts waiting for the group-commit loop");

    /// <summary>Counts a writer's queue in the gauge until the returned handle is disposed.</summary>
    public static IDisposable TrackQueue(Func<int> depth)
    {
        Queues.TryAdd(depth, 0);
        return new Untrack(depth);
    }

    private sealed class Untrack(Func<int> depth) : IDisposable
    {
        public void Dispose() => Queues.TryRemove(depth, out _);
    }
}
