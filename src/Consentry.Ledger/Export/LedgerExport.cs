using System.Globalization;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Export;

/// <summary>
/// Exports a site's receipts received in [from, to) as JSON Lines or CSV. The slice is the contiguous run
/// of sequence numbers those receipts span, and the JSON Lines export starts with a proof header (the
/// hash before the first entry, the last entry and how many there are, and the site's head), so
/// <see cref="VerifyJsonLines"/> checks it on its own and notices lines cut off its end.
/// </summary>
public static class LedgerExport
{
    /// <summary>The export format's id, in the header line.</summary>
    public const string Format = "consentry-ledger-export/1";

    /// <summary>Writes the export; returns how many entries it holds.</summary>
    public static async Task<int> WriteAsync(IReceiptStore store, string site, DateTimeOffset? from, DateTimeOffset? to, bool csv, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var all = new List<ExportRow>();
        await foreach (var e in store.ReadAsync(site, cancellationToken: cancellationToken))
        {
            all.Add(ExportRow.Of(e));
        }

        var fromMs = from?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var toMs = to?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var first = all.FindIndex(x => x.ServerTime >= fromMs && x.ServerTime < toMs);
        var last = all.FindLastIndex(x => x.ServerTime >= fromMs && x.ServerTime < toMs);
        var rows = first < 0 ? [] : all.GetRange(first, last - first + 1);
        var slice = rows.Select(x => x.Entry).ToList();
        if (csv)
        {
            await output.WriteLineAsync(ExportRow.CsvHeader);
            foreach (var row in rows)
            {
                await output.WriteLineAsync(row.ToCsv());
            }

            return slice.Count;
        }

        var head = await store.HeadAsync(site, cancellationToken);
        var header = new Dictionary<string, object?>
        {
            ["type"] = Format,
            ["site"] = site,
            ["from"] = from?.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = to?.ToString("O", CultureInfo.InvariantCulture),
            ["startAfter"] = slice.Count > 0 ? slice[0].Sequence - 1 : null,
            ["startHash"] = slice.Count > 0 ? slice[0].PreviousHash : null,
            ["count"] = slice.Count,
            ["lastSequence"] = slice.Count > 0 ? slice[^1].Sequence : null,
            ["lastHash"] = slice.Count > 0 ? slice[^1].Hash : null,
            ["headSequence"] = head?.Sequence,
            ["headHash"] = head?.Hash,
            ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(header));
        foreach (var e in slice)
        {
            await output.WriteLineAsync($"{{\"sequence\":{e.Sequence.ToString(CultureInfo.InvariantCulture)},\"previousHash\":\"{e.PreviousHash}\",\"hash\":\"{e.Hash}\",\"receipt\":{e.Receipt}}}");
        }

        return slice.Count;
    }

    /// <summary>
    /// Verifies a JSON Lines export on its own: every entry's hash, the links from the header's start hash, and
    /// that the entries end where the header says (so a truncated export fails). Throws
    /// <see cref="FormatException"/>, naming the line, when the file is not such an export.
    /// </summary>
    public static SiteVerification VerifyJsonLines(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = ExportHeader.Read(input.ReadLine() ?? throw new FormatException("line 1: the file is empty."));
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
