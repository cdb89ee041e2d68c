namespace Consentry.Regions;

/// <summary>
/// The consent model a visitor from a region gets under a manifest's rules: the most specific rule wins (the
/// subdivision named, a group holding it, the country named, a group holding it), and opt-in where none applies or
/// the region is not known. When the rules split the visitor's country by subdivision and the subdivision is not
/// known, the strictest of that country's models applies.
/// </summary>
internal static class RegionResolver
{
    public static ConsentModel ModelFor(IReadOnlyList<RegionRule> rules, VisitorRegion? region)
    {
        if (region is null || rules.Count == 0)
        {
            return ConsentModel.OptIn;
        }

        var country = Match(rules, region.Country);
        if (region.Subdivision is not null)
        {
            return Match(rules, region.Code) ?? country ?? ConsentModel.OptIn;
        }

        var split = rules.SelectMany(r => RegionCodes.Members(r.Region).Where(m => m.Length > 2 && RegionCodes.CountryOf(m) == region.Country).Select(_ => r.Model));
        return split.Append(country ?? ConsentModel.OptIn).Min();
    }

    /// <summary>The model of the rule naming <paramref name="code"/> itself, else of a group holding it, else null.</summary>
    private static ConsentModel? Match(IReadOnlyList<RegionRule> rules, string code) =>
        rules.FirstOrDefault(r => r.Region == code)?.Model
        ?? rules.FirstOrDefault(r => RegionCodes.Groups.TryGetValue(r.Region, out var members) && members.Contains(code))?.Model;
}
