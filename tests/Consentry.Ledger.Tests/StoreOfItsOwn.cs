using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests;

/// <summary>
/// A store written outside Consentry that forwards to one of Consentry's but implements only what IReceiptStore asked
/// before ReadRangeAsync was added: it gets the interface's own range read.
/// </summary>
internal sealed class StoreOfItsOwn(IReceiptStore inner) : IReceiptStore
{
    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<Consentry.Ledger.Chain.LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default) => inner.AppendAsync(receipts, cancellationToken);

    public Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default) => inner.SitesAsync(cancellationToken);

    public IAsyncEnumerable<Consentry.Ledger.Chain.LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) => inner.ReadAsync(site, from, to, cancellationToken);

    public Task<IReadOnlyList<Consentry.Ledger.Chain.LedgerEntry>> FindAsync(string consentId, CancellationToken cancellationToken = default) => inner.FindAsync(consentId, cancellationToken);

    public Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken = default) => inner.StartAsync(site, cancellationToken);

    public Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken = default) => inner.HeadAsync(site, cancellationToken);

    public Task<IReadOnlyList<ConsentStatsRow>> StatsAsync(ConsentStatsQuery query, CancellationToken cancellationToken = default) => inner.StatsAsync(query, cancellationToken);

    public Task<long> FoldStatsAsync(CancellationToken cancellationToken = default) => inner.FoldStatsAsync(cancellationToken);

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
