using Consentry.Diagnostics;
using Consentry.Manifests;
using Consentry.Regions;

namespace Consentry.Validation;

/// <summary>The manifest's 'regions' against each other and against the law: groups that disagree, and opt-in regions given less.</summary>
internal static class RegionValidator
{
    public static IEnumerable<Diagnostic> Validate(CookieManifest m)
    {
        var groups = m.Regions.Where(r => RegionCodes.Groups.ContainsKey(r.Region)).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var earlier in groups.Take(i).Where(g => g.Model != groups[i].Model))
            {
                var unsettled = RegionCodes.Groups[earlier.Region].Intersect(RegionCodes.Groups[groups[i].Region])
                    .Where(code => m.Regions.All(r => r.Region != code)).Order(StringComparer.Ordinal).ToList();
                if (unsettled.Count > 0)
                {
                    yield return new Diagnostic(Severity.Error, DiagnosticCodes.RegionConflict,
                        $"'{groups[i].Region}' ({Name(groups[i].Model)}) and '{earlier.Region}' ({Name(earlier.Model)}, line {earlier.Location?.Line}) both hold {Few(unsettled)}, so which model applies there is not said.",
                        $"Give both groups the same model, or name each of those regions with the model it gets (e.g. '{unsettled[0]}: {Name(earlier.Model)}').", groups[i].Location ?? SourceLocation.StartOf(m.Path));
                }
            }
        }

        foreach (var rule in m.Regions.Where(r => r.Model != ConsentModel.OptIn))
        {
            var optIn = RegionCodes.Members(rule.Region).Where(code => RegionCodes.OptInByLaw.Contains(RegionCodes.CountryOf(code))).Order(StringComparer.Ordinal).ToList();
            if (optIn.Count > 0)
            {
                yield return new Diagnostic(Severity.Warning, DiagnosticCodes.RegionWeakerThanLaw,
                    $"'{rule.Region}' is given '{Name(rule.Model)}', but the law of {Few(optIn)} asks for opt-in consent before non-essential cookies (ePrivacy Directive art. 5(3), UK PECR, Swiss FADP practice).",
                    $"Use '{rule.Region}: opt-in'.", rule.Location ?? SourceLocation.StartOf(m.Path));
            }
        }
    }

    public static string Name(ConsentModel model) => model switch
    {
        ConsentModel.OptIn => "opt-in",
        ConsentModel.OptOut => "opt-out",
        ConsentModel.Notice => "notice",
        _ => "none",
    };

    private static string Few(List<string> codes) => codes.Count <= 5 ? string.Join(", ", codes) : $"{string.Join(", ", codes.Take(5))} and {codes.Count - 5} more";
}
