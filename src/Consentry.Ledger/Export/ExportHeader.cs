using System.Text.Json;
using Consentry.Ledger.Chain;

namespace Consentry.Ledger.Export;

/// <summary>The proof header of a JSON Lines export, read strictly: any missing or wrong-typed field is a <see cref="FormatException"/> naming the line.</summary>
internal sealed record ExportHeader(string Site, long StartAfter, string? StartHash, int? Count, (long Sequence, string Hash)? Last, (long Sequence, string Hash)? Head, bool OpenEnded)
{
    public static ExportHeader Read(string line)
    {
        using var doc = Parse(line, 1);
        var h = doc.RootElement;
        if (h.ValueKind != JsonValueKind.Object || !h.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != LedgerExport.Format)
        {
            throw new FormatException($"line 1: not a {LedgerExport.Format} header.");
        }

        var site = String(h, "site", 1) ?? throw new FormatException("line 1: the header has no 'site'.");
        var last = Long(h, "lastSequence", 1) is { } ls ? (ls, String(h, "lastHash", 1) ?? throw new FormatException("line 1: 'lastSequence' without 'lastHash'.")) : ((long, string)?)null;
        var head = Long(h, "headSequence", 1) is { } hs ? (hs, String(h, "headHash", 1) ?? throw new FormatException("line 1: 'headSequence' without 'headHash'.")) : ((long, string)?)null;
        var count = Long(h, "count", 1) is { } c ? (c is >= 0 and <= int.MaxValue ? (int)c : throw new FormatException("line 1: 'count' is out of range.")) : (int?)null;
        return new ExportHeader(site, Long(h, "startAfter", 1) ?? 0, String(h, "startHash", 1), count, last, head, String(h, "to", 1) is null);
    }

    /// <summary>Where the entries must end: the header's last entry; for older exports without one, the head when the export ran to the end.</summary>
    public (long Sequence, string Hash)? Ending(int entries) =>
        Last ?? (Count is null && OpenEnded && entries > 0 ? Head : null);

    public static LedgerEntry Entry(string site, string line, int number)
    {
        using var doc = Parse(line, number);
        var e = doc.RootElement;
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("receipt", out var receipt) || receipt.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"line {number}: an entry must be an object with 'sequence', 'previousHash', 'hash' and a 'receipt' object.");
        }

        return new LedgerEntry(site,
            Long(e, "sequence", number) ?? throw new FormatException($"line {number}: 'sequence' is missing."),
            receipt.GetRawText(),
            String(e, "previousHash", number) ?? throw new FormatException($"line {number}: 'previousHash' is missing."),
            String(e, "hash", number) ?? throw new FormatException($"line {number}: 'hash' is missing."));
    }

    private static JsonDocument Parse(string line, int number)
    {
        try
        {
            return JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"line {number}: not JSON ({e.Message})", e);
        }
    }

    private static string? String(JsonElement e, string name, int line) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new FormatException($"line {line}: '{name}' must be a string, not {v.ValueKind.ToString().ToLowerInvariant()}.");

    private static long? Long(JsonElement e, string name, int line) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
        : throw new FormatException($"line {line}: '{name}' must be a whole number, not {v.ValueKind.ToString().ToLowerInvariant()}.");
}
