namespace Consentry.Scanner.Collect;

/// <summary>
/// What the calls into one loaded page answered, before any of it enters the visit's harvest: read beside the other
/// tabs, recorded one page at a time.
/// </summary>
/// <param name="Url">The page's address as read.</param>
/// <param name="CookieWrites">The cookie writes its scripts made (<see cref="PageScripts.CookieWrites"/>); empty when it did not answer.</param>
/// <param name="Storage">Its storage names by kind (<see cref="PageScripts.Storage"/>); null when it did not answer.</param>
/// <param name="Unresponsive">True when the page stopped answering while it was read.</param>
internal sealed record PageRead(string Url, string[][] CookieWrites, string[][]? Storage, bool Unresponsive);
