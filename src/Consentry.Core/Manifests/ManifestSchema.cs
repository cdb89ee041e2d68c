namespace Consentry.Manifests;

/// <summary>The published JSON Schema of the manifest format, for editors (YAML language servers) and CI.</summary>
public static class ManifestSchema
{
    /// <summary>The schema's text (JSON Schema 2020-12).</summary>
    public static string Text { get; } = Load();

    private static string Load()
    {
        var assembly = typeof(ManifestSchema).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".cookies.schema.json", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
