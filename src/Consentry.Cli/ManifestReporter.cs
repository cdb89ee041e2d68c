using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Cli;

/// <summary>Loads a manifest for a command and prints its diagnostics the way compilers do.</summary>
internal static class ManifestReporter
{
    /// <summary>Loads <paramref name="path"/>, prints its diagnostics to <paramref name="writer"/>, and returns the manifest when it has no errors.</summary>
    public static CookieManifest? LoadValid(string path, TextWriter writer)
    {
        var result = ManifestLoader.Load(path);
        Print(result, writer);
        return result.HasErrors ? null : result.Manifest;
    }

    public static void Print(ManifestLoadResult result, TextWriter writer)
    {
        foreach (var d in result.Diagnostics)
        {
            writer.WriteLine(d.ToString());
        }
    }

    public static string Count(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count - errors;
        return $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }
}
