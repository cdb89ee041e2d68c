using System.Text.Json;

namespace Consentry.Cli.Commands;

/// <summary>Shared serializer options.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
