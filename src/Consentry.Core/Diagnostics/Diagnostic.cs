namespace Consentry.Diagnostics;

/// <summary>One problem found in a manifest: what is wrong, where, and how to fix it.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">A stable code such as <c>CN0101</c>; see docs/diagnostics.md.</param>
/// <param name="Message">What is wrong, naming the bad value.</param>
/// <param name="Fix">How to fix it.</param>
/// <param name="Location">Where it is.</param>
public sealed record Diagnostic(Severity Severity, string Code, string Message, string Fix, SourceLocation Location)
{
    /// <summary>Formats as <c>file:line:column: error CN0101: message Fix: hint</c>, the way compilers do.</summary>
    public override string ToString()
    {
        var level = Severity == Severity.Error ? "error" : "warning";
        return $"{Location}: {level} {Code}: {Message} Fix: {Fix}";
    }
}
