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
    /// <c>user-requested</c>: strictly needed for a feature the visitor explicitly uses (a theme or
    /// font size they chose, an in-progress call indicator), the ePrivacy Art. 5(3) exemption.
    /// </summary>
    UserRequested,
    /// <summary>
    /// <c>audience-measurement</c>: narrowly configured first-party audience measurement that some
    /// authorities (CNIL) exempt from consent. Not recognised everywhere.
    /// </summary>
    AudienceMeasurement,
}
