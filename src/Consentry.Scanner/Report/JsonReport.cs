using System.Text.Json;
using System.Text.Json.Serialization;

namespace Consentry.Scanner.Report;

/// <summary>The scan result as JSON (camelCase, enums as strings): the whole typed result, provenance included.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(ScanResult r) => JsonSerializer.Serialize(new { schema = "consentry-scan/1", result = r }, Options);
}
