namespace Consentry.Ledger.Transparency;

/// <summary>Signs checkpoints of the trees that grew, with any store's reading and saving (written once for both stores).</summary>
internal static class CheckpointIssuer
{
    /// <summary>Signs a checkpoint of each grown tree and keeps them all through one of the store's write transactions (<paramref name="write"/>); returns how many.</summary>
    public static async Task<int> SignAsync(IReadOnlyList<LogTree> grown, ICheckpointSigner signer, Func<Func<Chain.IChainTransaction, Task<int>>, Task<int>> write, CancellationToken cancellationToken)
    {
        var notes = new List<(string, long, string)>(grown.Count);
        foreach (var tree in grown)
        {
            var checkpoint = new LogCheckpoint(LogKeys.Origin(signer, tree.Site), tree.Size, tree.Root);
            notes.Add((tree.Site, tree.Size, await SignedCheckpoints.SignAsync(checkpoint, signer, cancellationToken)));
        }

        return notes.Count == 0 ? 0 : await write(async tx =>
        {
            foreach (var (site, size, note) in notes)
            {
                await tx.SaveCheckpointNoteAsync(site, size, note, cancellationToken);
            }

            return notes.Count;
        });
    }

    /// <summary>Checks that <paramref name="cosigned"/> is <paramref name="current"/> with signature lines added, nothing taken away or changed.</summary>
    public static void CheckCosigned(string current, string cosigned)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(cosigned);
        if (!cosigned.StartsWith(current, StringComparison.Ordinal) || SignedCheckpoints.Split(cosigned).Body != SignedCheckpoints.Split(current).Body)
        {
            throw new ArgumentException("A cosigned checkpoint keeps the checkpoint and its signatures as they were and only adds lines.", nameof(cosigned));
        }
    }
}
