namespace Consentry.Scanner;

/// <summary>One place where the site and its policy (or the rules) disagree, with the evidence.</summary>
/// <param name="Severity">Info, warning or error.</param>
/// <param name="Code">A stable code, e.g. <c>SC003</c> (docs/scanner.md).</param>
/// <param name="Message">What was found.</param>
/// <param name="Item">The cookie or storage key.</param>
/// <param name="Visit">The visit it was seen in, if any.</param>
/// <param name="Page">The page it was first seen on, if any.</param>
public sealed record Finding(FindingSeverity Severity, string Code, string Message, string Item, VisitKind? Visit, string? Page)
{
    /// <summary>Where the manifest declares the item (file:line:column), when it does; SARIF points code scanning there.</summary>
    public Consentry.Diagnostics.SourceLocation? Declaration { get; init; }
}
