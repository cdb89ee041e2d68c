namespace Consentry.Ledger.Transparency;

/// <summary>What a store supplies for reading a site's tree (its SQL only); the proofs are computed once, in <see cref="TransparencyLog"/>.</summary>
internal interface ITreeStorage
{
    /// <summary>The site's tree, or null when it has none yet.</summary>
    Task<LogTree?> ReadTreeAsync(string site, CancellationToken cancellationToken);

    /// <summary>The stored hashes at these indexes (missing ones are left out).</summary>
    Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken);
}
