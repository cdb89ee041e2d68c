using Consentry.Diagnostics;
using Consentry.Regions;
using YamlDotNet.RepresentationModel;

namespace Consentry.Manifests.Parsing;

/// <summary>The manifest's 'regions': region code → consent model.</summary>
internal sealed partial class ManifestParser
{
    private List<RegionRule> ParseRegions(MappingReader root)
    {
        var rules = new List<RegionRule>();
        foreach (var (key, value) in root.Entries("regions"))
        {
            var code = key.Value!.Trim();
            if (!RegionCodes.IsKnown(code))
            {
                var upper = code.ToUpperInvariant();
                ctx.Error(DiagnosticCodes.UnknownRegion, key, $"'{code}' under 'regions' is no built-in group, ISO 3166-1 country or ISO 3166-2 subdivision.",
                    RegionCodes.IsKnown(upper) ? $"Write it in capitals: '{upper}'."
                    : $"Use a group ({string.Join(", ", RegionCodes.Groups.Keys)}), a two-letter country such as 'FR' or a subdivision such as 'US-CA'{(Suggest.Closest(code, RegionCodes.Groups.Keys) is { } near ? $"; did you mean '{near}'?" : ".")}");
                continue;
            }

            var model = value is YamlScalarNode { Value: { } v } ? ConsentModelNames.All.FirstOrDefault(m => m.Name == v.Trim()) : default;
            if (model.Name is null)
            {
                ctx.Error(DiagnosticCodes.InvalidValue, value, $"The consent model of region '{code}' must be one of {string.Join(", ", ConsentModelNames.All.Select(m => m.Name))}.",
                    "Write e.g. 'US-PRIVACY: opt-out' or 'EEA: opt-in'.");
                continue;
            }

            rules.Add(new RegionRule(code, model.Model, ctx.At(key)));
        }

        return rules;
    }
}
