namespace Consentry.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>The manifest works, but something is likely wrong or non-compliant.</summary>
    Warning,

    /// <summary>The manifest is invalid; nothing should be derived from it.</summary>
    Error,
}
