namespace Consentry.Scanner;

/// <summary>One page done in one visit, for a progress display.</summary>
/// <param name="Visit">The visit.</param>
/// <param name="PagesDone">Pages this visit has loaded (or given up on) so far.</param>
/// <param name="MaxPages">The visit's page limit.</param>
/// <param name="Page">The page just done.</param>
/// <param name="Problem">Why it could not be scanned, or null.</param>
public sealed record ScanProgress(VisitKind Visit, int PagesDone, int MaxPages, string Page, string? Problem);
