namespace Consentry.Scanner;

/// <summary>One page done in one visit, for a progress display.</summary>
/// <param name="Visit">The visit.</param>
/// <param name="PagesDone">Pages this visit has loaded (or given up on) so far.</param>
/// <param name="MaxPages">The visit's page limit.</param>
/// <param name="Page">The page just done.</param>
/// <param name="Problem">Why it could not be scanned (on an <see cref="Ended"/> report: why the visit ended), or null.</param>
public sealed record ScanProgress(VisitKind Visit, int PagesDone, int MaxPages, string Page, string? Problem)
{
    /// <summary>
    /// True on the last report of a visit that ended before its page limit with nothing wrong: a Reject all or Accept
    /// all visit that operated no banner reads only its first page. <see cref="Problem"/> says why.
    /// </summary>
    public bool Ended { get; init; }
}
