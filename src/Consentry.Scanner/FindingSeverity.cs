namespace Consentry.Scanner;

/// <summary>How serious a finding is; <c>--fail-on</c> compares against it.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing, not wrong.</summary>
    Info,
    /// <summary>Likely wrong or risky.</summary>
    Warning,
    /// <summary>The site breaks its policy or a consent or browser rule.</summary>
    Error,
}
