using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Export;

/// <summary>
/// The transparency-log part of a visitor's file: each line's leaf index and inclusion proof, and the header's
/// signed checkpoint, written and checked here so the file format has one owner.
/// </summary>
internal static class ExportProof
{
    /// <summary>An entry's line, with its leaf index and inclusion proof when it has them.</summary>
    public static string Line(LedgerEntry e, long? leafIndex, IReadOnlyList<byte[]>? proof)
    {
        var line = new StringBuilder(LedgerExport.Line(e));
        if (leafIndex is { } leaf)
        {
            var extra = $",\"leafIndex\":{leaf.ToString(CultureInfo.InvariantCulture)}" + (proof is null ? "" : $",\"proof\":{JsonSerializer.Serialize(proof.Select(Convert.ToBase64String))}");
            line.Insert(1, extra[1..] + ",");
        }

        return line.ToString();
    }

    /// <summary>The header's checkpoint (signature checked when a key is given); a bad one is a problem, and null.</summary>
    public static LogCheckpoint? Checkpoint(JsonElement header, string site, string? verifierKey, List<ChainProblem> problems)
    {
        if (!header.TryGetProperty("checkpoint", out var c) || c.ValueKind != JsonValueKind.String)
        {
            if (verifierKey is not null)
            {
                problems.Add(new ChainProblem(site, 0, "deleted", "the file carries no signed checkpoint: nothing ties its receipts to the site's published log"));
            }

            return null;
        }

        try
        {
            return verifierKey is null ? SignedCheckpoints.ReadUnverified(c.GetString()!) : SignedCheckpoints.Open(c.GetString()!, verifierKey);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            problems.Add(new ChainProblem(site, 0, "edited", "the file's checkpoint does not verify: " + e.Message));
            return null;
        }
    }

    /// <summary>True: the line's proof leads to the checkpoint's root; false: it does not; null: nothing to check.</summary>
    public static bool? Check(LedgerEntry e, string line, int number, LogCheckpoint? checkpoint)
    {
        using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        var root = doc.RootElement;
        if (checkpoint is null || !root.TryGetProperty("proof", out var proof) || proof.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (!root.TryGetProperty("leafIndex", out var leaf) || !leaf.TryGetInt64(out var index))
        {
            throw new FormatException($"line {number}: a proof needs the receipt's 'leafIndex'.");
        }

        try
        {
            var path = proof.EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? "")).ToList();
            return MerkleProof.VerifyInclusion(MerkleHash.Leaf(e.LeafData()), index, checkpoint.Size, path, checkpoint.RootHash());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new FormatException($"line {number}: 'proof' must be a list of base64 hashes.", ex);
        }
    }
}
