using System.Text.Json;
using Consentry.AspNetCore;
using Consentry.Ledger.Export;
using Consentry.Ledger.Stores;
using Consentry.Server.Audit;
using Microsoft.AspNetCore.Http;

namespace Consentry.Server.Records;

/// <summary>A visitor's records and a site's exports, read from the ledger; every access written to the audit trail first.</summary>
internal sealed class RecordsService(IReceiptStore store, ConsentrySites sites, AuditTrail audit)
{
    public IReceiptStore Store => store;

    public bool IsServed(string site) => sites.Find(site) is not null;

    public async Task<IReadOnlyList<ReceiptView>> LookUpAsync(string site, string consentId, string actor, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, "records.lookup", site, consentId, cancellationToken);
        return [.. (await store.FindAsync(consentId, cancellationToken)).Where(e => e.Site == site)
            .Select(e => new ReceiptView(e.Sequence, e.Hash, e.PreviousHash, JsonDocument.Parse(e.Receipt).RootElement.Clone()))];
    }

    public Task AuditAsync(string actor, string action, string site, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, action, site, detail, cancellationToken);

    /// <summary>Audits, then streams a visitor's receipts on a site with their proof into the response, as a file named after both.</summary>
    public async Task DownloadAsync(HttpResponse response, string site, string consentId, string actor, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, "records.download", site, consentId, cancellationToken);
        response.ContentType = "application/jsonl; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{site}-{consentId}.jsonl\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await ConsentExport.WriteAsync(store, site, consentId, writer, cancellationToken);
    }

    /// <summary>Streams the export into the response: a file named after the site and range, never held in memory.</summary>
    public async Task ExportAsync(HttpResponse response, string site, DateTimeOffset? from, DateTimeOffset? to, bool csv, CancellationToken cancellationToken)
    {
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        var range = $"{from?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "start"}-{to?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "now"}";
        response.Headers.ContentDisposition = $"attachment; filename=\"{site}-{range}.{(csv ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await LedgerExport.WriteAsync(store, site, from, to, csv, writer, cancellationToken);
    }
}
