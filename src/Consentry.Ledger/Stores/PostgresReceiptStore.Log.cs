using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;
using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>The transparency-log half of <see cref="PostgresReceiptStore"/>: its trees, proofs and signed checkpoints.</summary>
public sealed partial class PostgresReceiptStore
{
    /// <summary>Builds the trees of sites whose entries predate them, in steps of one transaction each (under each site's lock).</summary>
    private async Task GrowTreesAsync(CancellationToken cancellationToken)
    {
        foreach (var site in await SitesAsync(cancellationToken))
        {
            while (await WriteAsync(tx => ChainAppender.GrowTreeAsync(tx, site, 50_000, cancellationToken), cancellationToken) > 0)
            {
            }
        }
    }

    /// <inheritdoc />
    public Task<LogTree?> TreeAsync(string site, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        return await PostgresTrees.ReadTreeAsync(c, null, site, cancellationToken);
    });

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
        var notes = await NotesAsync(site, size, newestOnly: true, cancellationToken);
        return notes.Count == 0 ? null : notes[0].Note;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Size, string Note)>> CheckpointsAsync(string site, CancellationToken cancellationToken = default) =>
        NotesAsync(site, null, newestOnly: false, cancellationToken);

    /// <inheritdoc />
    public async Task<int> SignCheckpointsAsync(ICheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var grown = await GuardAsync(async () =>
        {
            await using var c = await _source.OpenConnectionAsync(cancellationToken);
            return await PostgresTrees.UnsignedAsync(c, cancellationToken);
        });
        return await CheckpointIssuer.SignAsync(grown, signer, work => WriteAsync(tx => work(tx), cancellationToken), cancellationToken);
    }

    private Task<IReadOnlyList<(long Size, string Note)>> NotesAsync(string site, long? size, bool newestOnly, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        return await PostgresTrees.NotesAsync(c, null, site, size, newestOnly, cancellationToken);
    });

    /// <inheritdoc />
    Task<LogTree?> ITreeStorage.ReadTreeAsync(string site, CancellationToken cancellationToken) => TreeAsync(site, cancellationToken);

    /// <inheritdoc />
    Task<IReadOnlyDictionary<long, byte[]>> ITreeStorage.ReadHashesAsync(string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        return await PostgresTrees.ReadHashesAsync(c, null, site, indexes, cancellationToken);
    });

    /// <inheritdoc />
    public Task<bool> AddCosignaturesAsync(string site, long size, string current, string cosigned, CancellationToken cancellationToken = default)
    {
        CheckpointIssuer.CheckCosigned(current, cosigned);
        return WriteAsync(tx => tx.ReplaceCheckpointNoteAsync(site, size, current, cosigned, cancellationToken), cancellationToken);
    }
}
