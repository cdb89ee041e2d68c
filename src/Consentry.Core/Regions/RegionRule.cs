using Consentry.Diagnostics;

namespace Consentry.Regions;

/// <summary>One entry of the manifest's <c>regions</c>: a region (a built-in group, a country or a subdivision) and its consent model.</summary>
/// <param name="Region">A built-in group (<c>EEA</c>, <c>EU</c>, <c>US-PRIVACY</c>), an ISO 3166-1 country (<c>FR</c>) or an ISO 3166-2 subdivision (<c>US-CA</c>).</param>
/// <param name="Model">The consent model visitors from there get.</param>
/// <param name="Location">Where the manifest says so.</param>
public sealed record RegionRule(string Region, ConsentModel Model, SourceLocation? Location = null);
