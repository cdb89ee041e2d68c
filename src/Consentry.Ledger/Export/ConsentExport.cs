using System.Globalization;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Export;

/// <summary>
/// A visitor's receipts on one site, as the answer to an access request: a header naming the consent id, the
/// site and its head at the time, then each receipt with its place in the chain (sequence, previous hash, hash).
/// <see cref="LedgerExport.VerifyJsonLines(TextReader, string?)"/> checks it on its own: each receipt still hashes to its recorded
/// hash, belongs to that consent id and site, and lies within the chain the head closes; and, where the site's
/// transparency log has a signed checkpoint, that each receipt's inclusion proof leads to the root that checkpoint
/// signs (with the log's verifier key, the signature is checked too: the one thing a visitor needs from the operator).
/// </summary>
public static class ConsentExport
{
    /// <summary>The format's id, in the header line.</summary>
    public const string Format = "consentry-consent-receipts/1";

    /// <summary>Writes the consent id's receipts on <paramref name="site"/>, oldest first; returns how many.</summary>
    public static async Task<int> WriteAsync(IReceiptStore store, string site, string consentId, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var entries = (await store.FindAsync(consentId, cancellationToken)).Where(e => e.Site == site).ToList();
        var head = await store.HeadAsync(site, cancellationToken);
        var note = await store.CheckpointAsync(site, cancellationToken: cancellationToken);
        var checkpoint = note is null ? null : SignedCheckpoints.ReadUnverified(note);
        var tree = await store.TreeAsync(site, cancellationToken);
        var header = new Dictionary<string, object?>
        {
            ["type"] = Format,
            ["site"] = site,
            ["consentId"] = consentId,
            ["count"] = entries.Count,
            ["headSequence"] = head?.Sequence,
            ["headHash"] = head?.Hash,
            ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["checkpoint"] = note,
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(header));
        foreach (var e in entries)
        {
            long? leaf = tree is null || e.Sequence <= tree.Base ? null : tree.LeafIndex(e.Sequence);
            var proof = leaf is { } i && checkpoint is not null && i < checkpoint.Size ? await store.InclusionProofAsync(site, i, checkpoint.Size, cancellationToken) : null;
            await output.WriteLineAsync(ExportProof.Line(e, leaf, proof));
        }

        return entries.Count;
    }

    /// <summary>Checks a file <see cref="WriteAsync"/> wrote, after its header line (already read into <paramref name="header"/>).</summary>
    internal static SiteVerification Verify(JsonElement header, TextReader input, string? verifierKey)
    {
        var site = header.TryGetProperty("site", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new FormatException("line 1: the header has no 'site'.");
        var consentId = header.TryGetProperty("consentId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new FormatException("line 1: the header has no 'consentId'.");
        long? head = header.TryGetProperty("headSequence", out var h) && h.TryGetInt64(out var hv) ? hv : null;
        long? count = header.TryGetProperty("count", out var n) && n.TryGetInt64(out var nv) ? nv : null;
        var problems = new List<ChainProblem>();
        var checkpoint = ExportProof.Checkpoint(header, site, verifierKey, problems);
        var proven = 0L;
        var entries = 0;
        long firstSeq = 0, lastSeq = 0;
        string? line;
        var number = 1;
        while ((line = input.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var e = ExportHeader.Entry(site, line, number);
            entries++;
            firstSeq = entries == 1 ? e.Sequence : firstSeq;
            lastSeq = e.Sequence;
            if (HashChain.Hash(site, e.Sequence, e.PreviousHash, e.Receipt) != e.Hash)
            {
                problems.Add(new ChainProblem(site, e.Sequence, "edited", $"line {number}: the receipt no longer hashes to its recorded hash"));
            }

            using var receipt = JsonDocument.Parse(e.Receipt);
            if (!receipt.RootElement.TryGetProperty("consentId", out var id) || id.GetString() != consentId)
            {
                problems.Add(new ChainProblem(site, e.Sequence, "inserted", $"line {number}: the receipt belongs to another consent id"));
            }

            switch (ExportProof.Check(e, line, number, checkpoint))
            {
                case true:
                    proven++;
                    break;
                case false:
                    problems.Add(new ChainProblem(site, e.Sequence, "edited", $"line {number}: the receipt's inclusion proof does not lead to the root the checkpoint signs: the receipt or its proof was altered, or it is not in that log"));
                    break;
            }

            if (head is { } last && e.Sequence > last)
            {
                problems.Add(new ChainProblem(site, e.Sequence, "inserted", $"line {number}: #{e.Sequence} lies after the head (#{last}) the file names"));
            }
        }

        if (count is { } expected && expected != entries)
        {
            problems.Add(new ChainProblem(site, lastSeq, entries < expected ? "deleted" : "inserted", $"the header counts {expected} receipts, the file holds {entries}"));
        }

        return new SiteVerification(site, entries, firstSeq, lastSeq, problems) { Proven = proven, Checkpoint = checkpoint, SignatureChecked = checkpoint is not null && verifierKey is not null };
    }
}
