using System.Globalization;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Export;

/// <summary>
/// Exports a site's receipts received in [from, to) as JSON Lines or CSV. The slice is the contiguous run
/// of sequence numbers those receipts span, and the JSON Lines export starts with a proof header (the
/// hash before the first entry, the last entry and how many there are, and the site's head), so
/// <see cref="VerifyJsonLines(TextReader, string?)"/> checks it on its own and notices lines cut off its end.
/// </summary>
public static class LedgerExport
{
    /// <summary>The export format's id, in the header line.</summary>
    public const string Format = "consentry-ledger-export/1";

    /// <summary>
    /// Writes the export; returns how many entries it holds. Streams: one pass finds the slice's ends, a second
    /// writes it, so an export of any size holds one entry in memory at a time.
    /// </summary>
    public static async Task<int> WriteAsync(IReceiptStore store, string site, DateTimeOffset? from, DateTimeOffset? to, bool csv, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        LedgerEntry? first = null, last = null;
        await foreach (var e in store.ReadAsync(site, from, to, cancellationToken))
        {
            first ??= e;
            last = e;
        }

        var count = first is null || last is null ? 0 : checked((int)(last.Sequence - first.Sequence + 1));
        if (csv)
        {
            await output.WriteLineAsync(ExportRow.CsvHeader);
        }
        else
        {
            await WriteHeaderAsync(store, site, from, to, first, last, count, output, cancellationToken);
        }

        if (first is null || last is null)
        {
            return 0;
        }

        var written = 0;
        await foreach (var e in store.ReadRangeAsync(site, first.Sequence, last.Sequence, cancellationToken))
        {
            await output.WriteLineAsync(csv ? ExportRow.Of(e).ToCsv() : Line(e));
            written++;
        }

        return written;
    }

    private static async Task WriteHeaderAsync(IReceiptStore store, string site, DateTimeOffset? from, DateTimeOffset? to, LedgerEntry? first, LedgerEntry? last, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(site, cancellationToken);
        var header = new Dictionary<string, object?>
        {
            ["type"] = Format,
            ["site"] = site,
            ["from"] = from?.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = to?.ToString("O", CultureInfo.InvariantCulture),
            ["startAfter"] = first is null ? null : first.Sequence - 1,
            ["startHash"] = first?.PreviousHash,
            ["count"] = count,
            ["lastSequence"] = last?.Sequence,
            ["lastHash"] = last?.Hash,
            ["headSequence"] = head?.Sequence,
            ["headHash"] = head?.Hash,
            ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(header));
    }

    /// <summary>An entry as an export line: its place in the chain and the hashed receipt, verbatim.</summary>
    internal static string Line(LedgerEntry e) =>
        $"{{\"sequence\":{e.Sequence.ToString(CultureInfo.InvariantCulture)},\"previousHash\":\"{e.PreviousHash}\",\"hash\":\"{e.Hash}\",\"receipt\":{e.Receipt}}}";

    /// <summary>The header of a <see cref="ConsentExport"/> file, or null for any other first line.</summary>
    private static JsonDocument? ConsentHeader(string line)
    {
        try
        {
            var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.ValueEquals(ConsentExport.Format))
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Verifies a JSON Lines export (or a visitor's <see cref="ConsentExport"/>) on its own: every entry's hash, the links from the header's start hash, and
    /// that the entries end where the header says (so a truncated export fails). Throws
    /// <see cref="FormatException"/>, naming the line, when the file is not such an export.
    /// </summary>
    public static SiteVerification VerifyJsonLines(TextReader input) => VerifyJsonLines(input, null);

    /// <summary>
    /// As <see cref="VerifyJsonLines(TextReader)"/>; a visitor's file's signed checkpoint is also checked with
    /// <paramref name="verifierKey"/> (the site's published log key), when given.
    /// </summary>
    public static SiteVerification VerifyJsonLines(TextReader input, string? verifierKey)
    {
        ArgumentNullException.ThrowIfNull(input);
        var first = input.ReadLine() ?? throw new FormatException("line 1: the file is empty.");
        if (ConsentHeader(first) is { } consent)
        {
            using (consent)
            {
                return ConsentExport.Verify(consent.RootElement, input, verifierKey);
            }
        }

        var header = ExportHeader.Read(first);
        var entries = new List<LedgerEntry>();
        string? line;
        var lineNumber = 1;
        while ((line = input.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                entries.Add(ExportHeader.Entry(header.Site, line, lineNumber));
            }
        }

        var problems = ChainVerifier.Verify(header.Site, entries, header.StartAfter, header.StartHash);
        var lastSequence = entries.Count == 0 ? header.StartAfter : entries.Max(e => e.Sequence);
        if (header.Ending(entries.Count) is { } expected && (entries.Count == 0 || entries[^1].Sequence != expected.Sequence || entries[^1].Hash != expected.Hash))
        {
            problems.Add(new ChainProblem(header.Site, lastSequence + 1, "deleted",
                $"the export ends at #{CanonicalJson.Invariant(lastSequence)}, but its header says it ends at #{CanonicalJson.Invariant(expected.Sequence)}: entries were cut off its end"));
        }

        if (header.Count is { } count && count != entries.Count)
        {
            problems.Add(new ChainProblem(header.Site, lastSequence, entries.Count < count ? "deleted" : "inserted",
                $"the header counts {CanonicalJson.Invariant(count)} entries, the file holds {CanonicalJson.Invariant(entries.Count)}"));
        }

        return new SiteVerification(header.Site, entries.Count, header.StartAfter + 1, lastSequence, problems);
    }
}
