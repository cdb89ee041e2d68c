namespace Consentry.Diagnostics;

/// <summary>A place in a manifest file: 1-based line and column.</summary>
/// <param name="File">The file's path as the user named it, or <c>&lt;input&gt;</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for problems that have no better place (the start of the file).</summary>
    public static SourceLocation StartOf(string file) => new(file, 1, 1);

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
