using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Chain;

/// <summary>Verifies sites' chains in a store, from their trusted start to their recorded head.</summary>
public static class LedgerVerifier
{
    /// <summary>Verifies <paramref name="site"/>, or every site when null.</summary>
    public static async Task<IReadOnlyList<SiteVerification>> VerifyAsync(IReceiptStore store, string? site = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var results = new List<SiteVerification>();
        foreach (var s in site is null ? await store.SitesAsync(cancellationToken) : [site])
        {
            var start = await store.StartAsync(s, cancellationToken);
            var entries = new List<LedgerEntry>();
            await foreach (var e in store.ReadAsync(s, cancellationToken: cancellationToken))
            {
                entries.Add(e);
            }

            var problems = ChainVerifier.Verify(s, entries, start?.Sequence ?? 0, start?.Hash);
            var head = await store.HeadAsync(s, cancellationToken);
            var last = entries.Count == 0 ? start?.Sequence ?? 0 : entries.Max(e => e.Sequence);
            if (head is not null && head.Sequence > last)
            {
                problems.Add(new ChainProblem(s, last + 1, "deleted", head.Sequence == last + 1 ? $"entry #{head.Sequence}, the last written, is missing" : $"entries #{last + 1} to #{head.Sequence}, the last written, are missing"));
            }
            else if (head is not null && entries.Count > 0 && entries[^1].Sequence == head.Sequence && entries[^1].Hash != head.Hash)
            {
                problems.Add(new ChainProblem(s, head.Sequence, "edited", "the last entry's hash differs from the recorded head"));
            }

            results.Add(new SiteVerification(s, entries.Count, (start?.Sequence ?? 0) + 1, last, problems));
        }

        return results;
    }
}
