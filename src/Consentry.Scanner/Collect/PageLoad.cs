namespace Consentry.Scanner.Collect;

/// <summary>How loading one page went.</summary>
/// <param name="Scanned">Whether the page is scanned (also when it had not finished loading).</param>
/// <param name="Problem">What went wrong, for the report, or null.</param>
internal sealed record PageLoad(bool Scanned, string? Problem)
{
    public static PageLoad Failed(string problem) => new(false, problem);
}
