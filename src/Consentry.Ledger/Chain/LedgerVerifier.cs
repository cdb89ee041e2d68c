using System.Text.Json;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Chain;

/// <summary>
/// Verifies sites' chains in a store: every entry's hash and link from the trusted start, every stored column
/// against the hashed receipt, the recorded head, every checkpoint, and that the trusted start is a purge the
/// chain itself records. What cannot be caught from inside the database (a consistent rewrite of everything)
/// needs anchors outside it.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>The pseudo-site under which problems of the whole ledger (not of one site) are reported.</summary>
    public const string WholeLedger = "(ledger)";

    /// <summary>Verifies <paramref name="site"/>, or every site when null.</summary>
    public static Task<IReadOnlyList<SiteVerification>> VerifyAsync(IReceiptStore store, string? site = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(store, site, null, cancellationToken);

    /// <summary>
    /// Verifies <paramref name="site"/>, or every site when null; with <paramref name="verifierKey"/> (a site's log
    /// verifier key, or null), every signed checkpoint's signature is checked too. Consentry's stores are read in one
    /// snapshot: a ledger that keeps taking receipts meanwhile verifies as it was when verification began.
    /// </summary>
    public static async Task<IReadOnlyList<SiteVerification>> VerifyAsync(IReceiptStore store, string? site, Func<string, string?>? verifierKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is not IVerifiableStore verifiable)
        {
            var results = new List<SiteVerification>();
            foreach (var s in site is null ? await store.SitesAsync(cancellationToken) : [site])
            {
                results.Add(await VerifyEntriesAsync(store, s, cancellationToken));
            }

            return results;
        }

        await using var snapshot = await verifiable.SnapshotAsync(cancellationToken);
        return await VerifySnapshotAsync(snapshot, site, verifierKey, cancellationToken);
    }

    private static async Task<IReadOnlyList<SiteVerification>> VerifySnapshotAsync(ILedgerSnapshot snapshot, string? site, Func<string, string?>? verifierKey, CancellationToken cancellationToken)
    {
        var results = new List<SiteVerification>();
        foreach (var s in site is null ? await snapshot.SitesAsync(cancellationToken) : [site])
        {
            results.Add(await VerifySiteAsync(snapshot, s, verifierKey, cancellationToken));
        }

        // Rows written and gone from the end of the table; reported only where no site's own check already names a deletion.
        if (!results.Any(r => r.Problems.Any(p => p.Kind == "deleted")) && await snapshot.RowIdsAsync(cancellationToken) is { } ids && ids.Stored < ids.Assigned)
        {
            results.Add(new SiteVerification(WholeLedger, 0, 0, 0, [new ChainProblem(WholeLedger, ids.Stored + 1, "deleted",
                $"the newest rows of the ledger were deleted: row ids {CanonicalJson.Invariant(ids.Stored + 1)} to {CanonicalJson.Invariant(ids.Assigned)} were written and are gone")]));
        }

        return results;
    }

    private static async Task<SiteVerification> VerifySiteAsync(ILedgerSnapshot snapshot, string site, Func<string, string?>? verifierKey, CancellationToken cancellationToken)
    {
        var start = await snapshot.StartAsync(site, cancellationToken);
        var rows = await snapshot.RowsAsync(site, cancellationToken);
        var entries = rows.Select(r => r.Entry).ToList();
        var problems = ChainVerifier.Verify(site, entries, start?.Sequence ?? 0, start?.Hash);
        var markers = new List<PurgeMarker>();
        foreach (var row in rows)
        {
            if (Columns(site, row, markers) is { } detail)
            {
                Add(problems, new ChainProblem(site, row.Entry.Sequence, "edited", detail));
            }
        }

        var last = entries.Count == 0 ? start?.Sequence ?? 0 : entries.Max(e => e.Sequence);
        CheckHead(site, await snapshot.HeadAsync(site, cancellationToken), entries, last, problems);
        CheckCheckpoints(site, await snapshot.CheckpointsAsync(site, cancellationToken), entries, last, problems);
        foreach (var problem in await Transparency.TreeVerifier.VerifyAsync(snapshot, site, entries, last, verifierKey, cancellationToken))
        {
            // A deletion at the end the chain's own checks already named is one cause, not two.
            if (problem.Kind != "deleted" || !problems.Any(p => p.Kind == "deleted" && p.Sequence >= last))
            {
                Add(problems, problem);
            }
        }

        if (start is not null && !markers.Any(m => m.Through == start.Sequence && m.ThroughHash == start.Hash))
        {
            Add(problems, new ChainProblem(site, start.Sequence, "deleted",
                $"the purge record at #{CanonicalJson.Invariant(start.Sequence)} is not in the chain: entries up to it were deleted by hand, not by 'consentry ledger purge'"));
        }

        return new SiteVerification(site, entries.Count, (start?.Sequence ?? 0) + 1, last, Ordered(problems));
    }

    /// <summary>For stores that expose no raw rows: the chain, the head and the start only.</summary>
    private static async Task<SiteVerification> VerifyEntriesAsync(IReceiptStore store, string site, CancellationToken cancellationToken)
    {
        var start = await store.StartAsync(site, cancellationToken);
        var entries = new List<LedgerEntry>();
        await foreach (var e in store.ReadAsync(site, cancellationToken: cancellationToken))
        {
            entries.Add(e);
        }

        var problems = ChainVerifier.Verify(site, entries, start?.Sequence ?? 0, start?.Hash);
        var last = entries.Count == 0 ? start?.Sequence ?? 0 : entries.Max(e => e.Sequence);
        CheckHead(site, await store.HeadAsync(site, cancellationToken), entries, last, problems);
        return new SiteVerification(site, entries.Count, (start?.Sequence ?? 0) + 1, last, Ordered(problems));
    }

    /// <summary>What is wrong with a row's look-up columns against its hashed receipt, or null.</summary>
    private static string? Columns(string site, StoredRow row, List<PurgeMarker> markers)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(row.Entry.Receipt);
        }
        catch (JsonException)
        {
            return "the stored receipt is not JSON";
        }

        using (doc)
        {
            var r = doc.RootElement;
            if (PurgeMarker.Read(r) is { } marker)
            {
                markers.Add(marker);
                return row.ConsentId.Length == 0 && row.ServerTime == marker.ServerTime ? null : "a purge record's columns were changed";
            }

            if (r.ValueKind != JsonValueKind.Object)
            {
                return "the stored receipt is not a JSON object";
            }

            return Mismatch("site", Text(r, "site"), site)
                ?? Mismatch("consent_id", Text(r, "consentId"), row.ConsentId)
                ?? Mismatch("receipt_id", Text(r, "receiptId"), row.ReceiptId)
                ?? Mismatch("server_time", r.TryGetProperty("serverTime", out var t) && t.TryGetInt64(out var ms) ? CanonicalJson.Invariant(ms) : null, CanonicalJson.Invariant(row.ServerTime))
                ?? (row.Tally is null ? null : Mismatch("tally", Tally(row.Entry.Receipt), row.Tally));
        }
    }

    /// <summary>The statistics' tally the hashed receipt gives, or null when it cannot be read as a receipt.</summary>
    private static string? Tally(string json)
    {
        try
        {
            return Receipts.ReceiptTally.Of(CanonicalJson.Read(json)).Key;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement r, string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Mismatch(string column, string? hashed, string? stored) =>
        hashed == stored ? null : $"the {column} column ('{Short(stored)}') differs from the hashed receipt ('{Short(hashed)}'): look-ups by it would miss or misplace this receipt";

    private static string Short(string? s) => s is null ? "none" : s.Length > 40 ? s[..40] + "…" : s;

    private static void CheckHead(string site, Checkpoint? head, List<LedgerEntry> entries, long last, List<ChainProblem> problems)
    {
        if (head is null)
        {
            if (entries.Count > 0)
            {
                Add(problems, new ChainProblem(site, last, "deleted", "the site's head record is missing: the newest entries may have been deleted with it"));
            }

            return;
        }

        if (head.Sequence > last)
        {
            Add(problems, new ChainProblem(site, last + 1, "deleted", head.Sequence == last + 1
                ? $"entry #{CanonicalJson.Invariant(head.Sequence)}, the last written, is missing"
                : $"entries #{CanonicalJson.Invariant(last + 1)} to #{CanonicalJson.Invariant(head.Sequence)}, the last written, are missing"));
        }
        else if (head.Sequence < last)
        {
            Add(problems, new ChainProblem(site, head.Sequence + 1, "inserted",
                $"entries #{CanonicalJson.Invariant(head.Sequence + 1)} to #{CanonicalJson.Invariant(last)} come after the recorded head (#{CanonicalJson.Invariant(head.Sequence)}): appended outside Consentry, or the head was moved back"));
        }
        else if (entries.Where(e => e.Sequence == head.Sequence).All(e => e.Hash != head.Hash))
        {
            Add(problems, new ChainProblem(site, head.Sequence, "edited", "the last entry's hash differs from the recorded head"));
        }
    }

    private static void CheckCheckpoints(string site, IReadOnlyList<(Checkpoint Point, string Reason)> checkpoints, List<LedgerEntry> entries, long last, List<ChainProblem> problems)
    {
        var hashes = entries.GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.Select(e => e.Hash).ToHashSet(StringComparer.Ordinal));
        foreach (var (point, reason) in checkpoints)
        {
            if (point.Sequence > last)
            {
                Add(problems, new ChainProblem(site, last + 1, "deleted",
                    $"a {reason} checkpoint records #{CanonicalJson.Invariant(point.Sequence)}, past the last entry (#{CanonicalJson.Invariant(last)}): newer entries were deleted"));
            }
            else if (hashes.TryGetValue(point.Sequence, out var hash) && !hash.Contains(point.Hash))
            {
                Add(problems, new ChainProblem(site, point.Sequence, "edited", $"entry #{CanonicalJson.Invariant(point.Sequence)} differs from the {reason} checkpoint taken when it was written"));
            }
        }
    }

    /// <summary>Adds a problem unless one is already reported at that entry (the first cause is enough).</summary>
    private static void Add(List<ChainProblem> problems, ChainProblem problem)
    {
        if (!problems.Any(p => p.Sequence == problem.Sequence))
        {
            problems.Add(problem);
        }
    }

    private static List<ChainProblem> Ordered(List<ChainProblem> problems) => [.. problems.OrderBy(p => p.Sequence)];
}
