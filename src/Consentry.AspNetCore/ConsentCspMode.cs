namespace Consentry.AspNetCore;

/// <summary>Whether HTML responses carry a consent-aware Content-Security-Policy (<see cref="ConsentryOptions.ConsentCsp"/>).</summary>
public enum ConsentCspMode
{
    /// <summary>No policy (the default).</summary>
    Off,

    /// <summary><c>Content-Security-Policy-Report-Only</c>: violations are reported, nothing is blocked (to roll it out).</summary>
    ReportOnly,

    /// <summary><c>Content-Security-Policy</c>: the browser blocks what the visitor has not allowed.</summary>
    Enforce,
}
