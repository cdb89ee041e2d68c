namespace Consentry.Scanner;

/// <summary>The three visits of a scan.</summary>
public enum VisitKind
{
    /// <summary>No choice made: what the site stores before anyone agrees.</summary>
    Untouched,
    /// <summary>After clicking the banner's "Reject all".</summary>
    RejectAll,
    /// <summary>After clicking the banner's "Accept all".</summary>
    AcceptAll,
}
