using System.Globalization;
using System.Text.Json;
using Consentry.Ledger.Chain;

namespace Consentry.Ledger.Export;

/// <summary>One exported entry's readable fields, from its hashed JSON: a receipt, or a purge record (method <c>purge</c>).</summary>
internal sealed record ExportRow(LedgerEntry Entry, long ServerTime, string ConsentId, string Method, int? Revision, string Language, string PageUrl, string Categories, string Services)
{
    public const string CsvHeader = "sequence,server_time,consent_id,method,revision,language,page_url,categories,services,previous_hash,hash,receipt";

    /// <summary>Reads the entry's fields; <see cref="InvalidDataException"/> names the entry when its stored receipt cannot be read.</summary>
    public static ExportRow Of(LedgerEntry e)
    {
        try
        {
            return Read(e);
        }
        catch (Exception x) when (x is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{e.Site} #{e.Sequence.ToString(CultureInfo.InvariantCulture)}: the stored receipt cannot be read ({x.Message}). Run 'consentry ledger verify' to see what was done to the ledger.", x);
        }
    }

    private static ExportRow Read(LedgerEntry e)
    {
        using var doc = JsonDocument.Parse(e.Receipt);
        var r = doc.RootElement;
        if (PurgeMarker.Read(r) is { } marker)
        {
            return new ExportRow(e, marker.ServerTime, "", "purge", null, "", "", "", "");
        }

        return new ExportRow(e, r.GetProperty("serverTime").GetInt64(), r.GetProperty("consentId").GetString()!, r.GetProperty("method").GetString()!,
            r.GetProperty("revision").GetInt32(), r.GetProperty("language").GetString()!, r.GetProperty("pageUrl").GetString()!, Granted(r, "categories"), Granted(r, "services"));
    }

    public string ToCsv() => string.Join(',',
        Entry.Sequence.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset.FromUnixTimeMilliseconds(ServerTime).ToString("O", CultureInfo.InvariantCulture),
        Csv(ConsentId), Csv(Method), Revision?.ToString(CultureInfo.InvariantCulture) ?? "", Csv(Language), Csv(PageUrl), Csv(Categories), Csv(Services),
        Entry.PreviousHash, Entry.Hash, Csv(Entry.Receipt));

    private static string Granted(JsonElement r, string name) =>
        string.Join(' ', r.GetProperty(name).EnumerateObject().Where(p => p.Value.GetBoolean()).Select(p => p.Name));

    /// <summary>Quotes when needed; a cell a spreadsheet would read as a formula gets a leading <c>'</c>.</summary>
    private static string Csv(string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@';
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !formula
            ? value
            : "\"" + (formula ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
