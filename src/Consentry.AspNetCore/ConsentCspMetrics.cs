using System.Diagnostics.Metrics;

namespace Consentry.AspNetCore;

/// <summary>Violations of the consent-aware Content-Security-Policy, on the meter <c>Consentry.AspNetCore</c>.</summary>
internal static class ConsentCspMetrics
{
    private static readonly Counter<long> Violations = ReceiptMetrics.Meter.CreateCounter<long>("consentry.csp.violations", "{report}", "Content-Security-Policy violations reported by visitors' browsers");

    public static void Violation(string site, string directive) =>
        Violations.Add(1, new KeyValuePair<string, object?>("site", site), new KeyValuePair<string, object?>("directive", directive));
}
