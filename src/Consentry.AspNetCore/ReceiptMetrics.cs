using System.Diagnostics.Metrics;

namespace Consentry.AspNetCore;

/// <summary>The receipt endpoint's metrics (meter <c>Consentry.AspNetCore</c>): receipts accepted, and refused by status code.</summary>
internal static class ReceiptMetrics
{
    public const string MeterName = "Consentry.AspNetCore";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("consentry.receipts.accepted", "{receipt}", "Receipts stored (or a replay answered) with 201");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("consentry.receipts.refused", "{receipt}", "Receipts answered with an error status (tag status: 400, 408, 413, 429, 503, …)");

    public static void Accept(string site) => Accepted.Add(1, new KeyValuePair<string, object?>("site", site));

    public static void Refuse(string site, int? status) => Refused.Add(1, new KeyValuePair<string, object?>("site", site), new KeyValuePair<string, object?>("status", status ?? 0));
}
