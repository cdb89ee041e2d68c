using System.Globalization;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// The read side of every site's transparency log, written once over a store's <see cref="ITreeStorage"/>: roots of
/// any past size, inclusion and consistency proofs (each one read of the stored hashes it needs).
/// </summary>
internal static class TransparencyLog
{
    /// <summary>The root of the site's tree when it had <paramref name="size"/> leaves.</summary>
    public static async Task<byte[]> RootAsync(ITreeStorage storage, string site, long size, CancellationToken cancellationToken)
    {
        await CheckSizeAsync(storage, site, size, cancellationToken);
        return await StoredHashes.ComputeAsync(read => StoredHashes.Root(size, read), needed => storage.ReadHashesAsync(site, needed, cancellationToken));
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the site's tree of <paramref name="size"/> leaves.</summary>
    public static async Task<IReadOnlyList<byte[]>> InclusionAsync(ITreeStorage storage, string site, long index, long size, CancellationToken cancellationToken)
    {
        await CheckSizeAsync(storage, site, size, cancellationToken);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf {Text(index)} is not in a tree of {Text(size)} leaves (leaves are numbered from 0).");
        }

        return await StoredHashes.ComputeAsync(read => StoredHashes.Inclusion(index, size, read), needed => storage.ReadHashesAsync(site, needed, cancellationToken));
    }

    /// <summary>The proof that the site's tree of <paramref name="oldSize"/> leaves is the start of its tree of <paramref name="newSize"/>.</summary>
    public static async Task<IReadOnlyList<byte[]>> ConsistencyAsync(ITreeStorage storage, string site, long oldSize, long newSize, CancellationToken cancellationToken)
    {
        await CheckSizeAsync(storage, site, newSize, cancellationToken);
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), oldSize, $"A consistency proof goes from a size of at least 1 to one no smaller (asked: {Text(oldSize)} to {Text(newSize)}).");
        }

        return await StoredHashes.ComputeAsync(read => StoredHashes.Consistency(oldSize, newSize, read), needed => storage.ReadHashesAsync(site, needed, cancellationToken));
    }

    private static async Task CheckSizeAsync(ITreeStorage storage, string site, long size, CancellationToken cancellationToken)
    {
        var tree = await storage.ReadTreeAsync(site, cancellationToken)
            ?? throw new KeyNotFoundException($"The ledger has no transparency log for the site '{site}'.");
        if (size < 1 || size > tree.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The log of '{site}' has {Text(tree.Size)} leaves; a tree size runs from 1 to that (asked: {Text(size)}).");
        }
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
