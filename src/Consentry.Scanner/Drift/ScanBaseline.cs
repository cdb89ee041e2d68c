using System.Text.Json;

namespace Consentry.Scanner.Drift;

/// <summary>
/// An earlier scan's JSON report (<c>consentry-scan/1</c>) read back for comparison: its visits' cookies and storage
/// and its findings. Read strictly: a file that is not such a report is a <see cref="FormatException"/> saying what
/// is wrong with it.
/// </summary>
public sealed class ScanBaseline
{
    private ScanBaseline(string name, DateTimeOffset? startedAt, IReadOnlyList<VisitResult> visits, IReadOnlyList<Finding> findings)
    {
        Name = name;
        StartedAt = startedAt;
        Visits = visits;
        Findings = findings;
    }

    /// <summary>The baseline's file, as named.</summary>
    public string Name { get; }

    /// <summary>When the baseline scan started, when recorded.</summary>
    public DateTimeOffset? StartedAt { get; }

    /// <summary>Its visits (cookies and storage; no screenshots).</summary>
    public IReadOnlyList<VisitResult> Visits { get; }

    /// <summary>Its findings.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Reads a JSON report <c>consentry scan --format json</c> wrote (or the <c>scan.json</c> of <c>--out</c>).</summary>
    public static ScanBaseline Read(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not JSON ({e.Message}).", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != "consentry-scan/1" || !root.TryGetProperty("result", out var result))
            {
                throw new FormatException($"{name}: not a Consentry scan report (expected \"schema\": \"consentry-scan/1\"). Fix: pass the JSON report of an earlier scan (consentry scan --format json, or scan.json from --out).");
            }

            try
            {
                var report = result.Deserialize<ScanResultShape>(Options) ?? throw new FormatException($"{name}: the report has no result.");
                return new ScanBaseline(name, report.StartedAt, report.Visits ?? [], report.Findings ?? []);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{name}: the report cannot be read ({e.Message}).", e);
            }
        }
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The parts of a <see cref="ScanResult"/> a comparison reads.</summary>
    private sealed record ScanResultShape(DateTimeOffset? StartedAt, IReadOnlyList<VisitResult>? Visits, IReadOnlyList<Finding>? Findings);
}
