namespace Consentry.Manifests;

/// <summary>
/// Why a non-essential item may be stored without consent. Off by default; each value is a legal
/// judgement the site owner makes and documents (see docs/manifest.md).
/// </summary>
public enum ConsentExemption
{
    /// <summary>No exemption: items outside strictly necessary categories need consent. The default.</summary>
    None,
    /// <summary>
    /// <c>user-preference</c>: stores a choice the visitor made explicitly (theme, font size), needed to
    /// give the service the visitor asked for.
    /// </summary>
    UserPreference,
    /// <summary>
    /// <c>audience-measurement</c>: narrowly configured first-party audience measurement that some
    /// authorities (CNIL) exempt from consent. Not recognised everywhere.
    /// </summary>
    AudienceMeasurement,
}
