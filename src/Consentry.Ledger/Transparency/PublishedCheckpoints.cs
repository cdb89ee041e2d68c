using System.Globalization;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// Checks a checkpoint kept outside the database (published to a folder or git repository, or held by a visitor)
/// against the log as it is now: the log must still have that size and, at it, the root the checkpoint signs. A log
/// truncated below it, or rewritten or forked after it, fails, however consistently the database was redone.
/// </summary>
public static class PublishedCheckpoints
{
    /// <summary>What is wrong between the published <paramref name="note"/> and the site's log, or null when the log still holds it.</summary>
    public static async Task<ChainProblem?> CheckAsync(IReceiptStore store, string site, string note, string? verifierKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        LogCheckpoint checkpoint;
        try
        {
            checkpoint = verifierKey is null ? SignedCheckpoints.ReadUnverified(note) : SignedCheckpoints.Open(note, verifierKey);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return new ChainProblem(site, 0, "edited", "a published checkpoint does not verify: " + e.Message);
        }

        var tree = await store.TreeAsync(site, cancellationToken);
        if (tree is null || tree.Size < checkpoint.Size)
        {
            return new ChainProblem(site, (tree?.Base ?? 0) + (tree?.Size ?? 0) + 1, "deleted",
                $"the log was cut back below a published checkpoint: it has {Text(tree?.Size ?? 0)} leaves, the checkpoint {Text(checkpoint.Size)}");
        }

        var root = Convert.ToBase64String(await store.RootAsync(site, checkpoint.Size, cancellationToken));
        return root == checkpoint.Root ? null : new ChainProblem(site, tree.Base + checkpoint.Size, "edited",
            $"the log no longer holds what the checkpoint of size {Text(checkpoint.Size)} published: entries up to #{Text(tree.Base + checkpoint.Size)} were rewritten or forked after it");
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
