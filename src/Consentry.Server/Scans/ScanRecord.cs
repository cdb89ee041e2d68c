namespace Consentry.Server.Scans;

/// <summary>One scan in a site's history.</summary>
/// <param name="Id">The scan's id.</param>
/// <param name="SiteId">The site scanned.</param>
/// <param name="FireKey">What it ran for: one scheduled fire time, or one "scan now"; a fire key runs once.</param>
/// <param name="Origin"><c>schedule</c> or <c>manual</c>.</param>
/// <param name="Status"><see cref="ScanStatus"/>.</param>
/// <param name="Instance">The server instance that ran it (last).</param>
/// <param name="Attempts">Runs it took: more than one when an instance died during it and another ran it again.</param>
/// <param name="Started">When its (last) run started.</param>
/// <param name="Ended">When it ended (the start while it runs).</param>
/// <param name="Summary">What it found, in a line; or why it failed.</param>
internal sealed record ScanRecord(string Id, string SiteId, string FireKey, string Origin, string Status, string Instance, int Attempts, DateTimeOffset Started, DateTimeOffset Ended, string Summary);
