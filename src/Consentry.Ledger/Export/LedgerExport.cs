using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Export;

/// <summary>
/// Exports a site's receipts received in [from, to) as JSON Lines or CSV. The slice is the contiguous run
/// of sequence numbers those receipts span, and the JSON Lines export starts with a proof header (the
/// hash before the first entry and the site's head), so <see cref="VerifyJsonLines"/> checks it on its own.
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
        var all = new List<(LedgerEntry Entry, long Time)>();
        await foreach (var e in store.ReadAsync(site, cancellationToken: cancellationToken))
        {
            using var doc = JsonDocument.Parse(e.Receipt);
            all.Add((e, doc.RootElement.GetProperty("serverTime").GetInt64()));
        }

        var fromMs = from?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var toMs = to?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var first = all.FindIndex(x => x.Time >= fromMs && x.Time < toMs);
        var last = all.FindLastIndex(x => x.Time >= fromMs && x.Time < toMs);
        var slice = first < 0 ? [] : all.GetRange(first, last - first + 1).Select(x => x.Entry).ToList();
        var head = await store.HeadAsync(site, cancellationToken);
        if (csv)
        {
            await output.WriteLineAsync("sequence,server_time,consent_id,method,revision,language,page_url,categories,services,previous_hash,hash,receipt");
            foreach (var e in slice)
            {
                using var doc = JsonDocument.Parse(e.Receipt);
                var r = doc.RootElement;
                string Granted(string name) => string.Join(' ', r.GetProperty(name).EnumerateObject().Where(p => p.Value.GetBoolean()).Select(p => p.Name));
                await output.WriteLineAsync(string.Join(',',
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("serverTime").GetInt64()).ToString("O", CultureInfo.InvariantCulture),
                    Csv(r.GetProperty("consentId").GetString()!), Csv(r.GetProperty("method").GetString()!),
                    r.GetProperty("revision").GetInt32().ToString(CultureInfo.InvariantCulture), Csv(r.GetProperty("language").GetString()!),
                    Csv(r.GetProperty("pageUrl").GetString()!), Csv(Granted("categories")), Csv(Granted("services")),
                    e.PreviousHash, e.Hash, Csv(e.Receipt)));
            }
        }
        else
        {
            var header = new Dictionary<string, object?>
            {
                ["type"] = Format,
                ["site"] = site,
                ["from"] = from?.ToString("O", CultureInfo.InvariantCulture),
                ["to"] = to?.ToString("O", CultureInfo.InvariantCulture),
                ["startAfter"] = slice.Count > 0 ? slice[0].Sequence - 1 : null,
                ["startHash"] = slice.Count > 0 ? slice[0].PreviousHash : null,
                ["headSequence"] = head?.Sequence,
                ["headHash"] = head?.Hash,
                ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(header));
            foreach (var e in slice)
            {
                await output.WriteLineAsync($"{{\"sequence\":{e.Sequence.ToString(CultureInfo.InvariantCulture)},\"previousHash\":\"{e.PreviousHash}\",\"hash\":\"{e.Hash}\",\"receipt\":{e.Receipt}}}");
            }
        }

        return slice.Count;
    }

    /// <summary>Verifies a JSON Lines export on its own: every entry's hash, and the links from the header's start hash.</summary>
    public static SiteVerification VerifyJsonLines(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var headerLine = input.ReadLine() ?? throw new FormatException("The export is empty.");
        using var header = JsonDocument.Parse(headerLine);
        var h = header.RootElement;
        if (!h.TryGetProperty("type", out var type) || type.GetString() != Format)
        {
            throw new FormatException($"The first line is not a {Format} header.");
        }

        var site = h.GetProperty("site").GetString()!;
        var entries = new List<LedgerEntry>();
        string? line;
        var lineNumber = 1;
        while ((line = input.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var receipt = e.GetProperty("receipt").GetRawText();
            entries.Add(new LedgerEntry(site, e.GetProperty("sequence").GetInt64(), receipt, e.GetProperty("previousHash").GetString()!, e.GetProperty("hash").GetString()!));
        }

        var startAfter = h.GetProperty("startAfter").ValueKind == JsonValueKind.Number ? h.GetProperty("startAfter").GetInt64() : 0;
        var startHash = h.GetProperty("startHash").ValueKind == JsonValueKind.String ? h.GetProperty("startHash").GetString() : null;
        var problems = ChainVerifier.Verify(site, entries, startAfter, startHash);
        return new SiteVerification(site, entries.Count, startAfter + 1, entries.Count == 0 ? startAfter : entries[^1].Sequence, problems);
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !value.StartsWith('=') && !value.StartsWith('+') && !value.StartsWith('-') && !value.StartsWith('@')
            ? value
            : "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
