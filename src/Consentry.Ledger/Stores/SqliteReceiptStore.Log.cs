using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>The transparency-log half of <see cref="SqliteReceiptStore"/>: its trees, proofs and signed checkpoints.</summary>
public sealed partial class SqliteReceiptStore
{
    /// <summary>Builds the trees of sites whose entries predate them, in steps of one transaction each.</summary>
    private async Task GrowTreesAsync(CancellationToken cancellationToken)
    {
        foreach (var site in await SitesAsync(cancellationToken))
        {
            while (await WriteAsync(w => ChainAppender.GrowTreeAsync(w, site, 50_000, cancellationToken), cancellationToken) > 0)
            {
            }
        }
    }

    /// <inheritdoc />
    public async Task<LogTree?> TreeAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await SqliteTrees.ReadTreeAsync(c, null, site, cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]> RootAsync(string site, long size, CancellationToken cancellationToken = default) =>
        TransparencyLog.RootAsync(this, site, size, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]>> InclusionProofAsync(string site, long index, long size, CancellationToken cancellationToken = default) =>
        TransparencyLog.InclusionAsync(this, site, index, size, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(string site, long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        TransparencyLog.ConsistencyAsync(this, site, oldSize, newSize, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> CheckpointAsync(string site, long? size = null, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        var notes = await SqliteTrees.NotesAsync(c, null, site, size, newestOnly: true, cancellationToken);
        return notes.Count == 0 ? null : notes[0].Note;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(long Size, string Note)>> CheckpointsAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await SqliteTrees.NotesAsync(c, null, site, null, newestOnly: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> SignCheckpointsAsync(ICheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        IReadOnlyList<LogTree> grown;
        await using (var c = await OpenAsync(cancellationToken))
        {
            grown = await SqliteTrees.UnsignedAsync(c, cancellationToken);
        }

        return await CheckpointIssuer.SignAsync(grown, signer, work => WriteAsync(w => work(w), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    async Task<LogTree?> ITreeStorage.ReadTreeAsync(string site, CancellationToken cancellationToken) => await TreeAsync(site, cancellationToken);

    /// <inheritdoc />
    async Task<IReadOnlyDictionary<long, byte[]>> ITreeStorage.ReadHashesAsync(string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await SqliteTrees.ReadHashesAsync(c, null, site, indexes, cancellationToken);
    }
}
