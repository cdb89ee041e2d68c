using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>The outcome of reading a manifest: the model (null when the file could not be read at all) and every diagnostic.</summary>
/// <param name="Manifest">The manifest, or null when the file is missing or not well-formed.</param>
/// <param name="Diagnostics">Errors and warnings, in file order.</param>
public sealed record ManifestLoadResult(CookieManifest? Manifest, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The manifest, or an exception listing every error.</summary>
    /// <exception cref="ManifestException">The manifest has errors.</exception>
    public CookieManifest GetValidManifest() =>
        Manifest is not null && !HasErrors ? Manifest : throw new ManifestException(Diagnostics.Where(d => d.Severity == Severity.Error).ToList());
}
