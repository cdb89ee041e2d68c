namespace Consentry.Scanner.Drift;

/// <summary>
/// One cookie or storage key that appeared, disappeared or changed since the baseline scan.
/// </summary>
/// <param name="Change"><c>appeared</c>, <c>disappeared</c> or <c>changed</c>.</param>
/// <param name="Type"><c>cookie</c>, or a storage kind (<c>localStorage</c>, <c>sessionStorage</c>, <c>indexedDB</c>, …).</param>
/// <param name="Name">The cookie's or key's name.</param>
/// <param name="Where">The cookie's domain and path, or the storage's origin.</param>
/// <param name="Details">What changed, one phrase each ("lifetime 30 days → 400 days", "now third-party", "now also after Reject all").</param>
public sealed record ItemChange(string Change, string Type, string Name, string Where, IReadOnlyList<string> Details);
