namespace Consentry.AspNetCore;

/// <summary>The bundled banner script and stylesheet embedded in this assembly at build time.</summary>
internal static class BannerAssets
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(BannerAssets).Assembly.GetManifestResourceStream("Consentry." + name)
            ?? throw new InvalidOperationException($"The embedded banner asset '{name}' is missing: the build did not bundle src/banner. Rebuild with Node.js and npm on PATH.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
