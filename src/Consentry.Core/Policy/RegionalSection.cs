using Consentry.Localization;
using Consentry.Manifests;
using Consentry.Regions;

namespace Consentry.Policy;

/// <summary>
/// The policy's "Where you are" section, for a manifest whose <c>regions</c> give some region a model other than
/// opt-in: how the region is learnt, a table of how each region is asked, the opt-out rights and the Global Privacy
/// Control statement where visitors opt out, and the opt-in statement for the EEA, the UK and Switzerland.
/// </summary>
internal static class RegionalSection
{
    public const string Id = "where-you-are";

    /// <summary>Whether the policy has the section: some region is asked otherwise than opt-in.</summary>
    public static bool Applies(CookieManifest m) => m.Regions.Any(r => r.Model != ConsentModel.OptIn);

    /// <summary>Whether some region gets the opt-out model (so GPC is an opt-out there, whatever the manifest says elsewhere).</summary>
    public static bool HasOptOut(CookieManifest m) => m.Regions.Any(r => r.Model == ConsentModel.OptOut);

    public static PolicySection Build(CookieManifest m, PolicyTexts t)
    {
        var label = m.Consent.SettingsLabel?.Get(t.Language) ?? t["settings_label"];
        var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>();
        foreach (var model in (ConsentModel[])[ConsentModel.OptOut, ConsentModel.Notice, ConsentModel.None, ConsentModel.OptIn])
        {
            var regions = m.Regions.Where(r => r.Model == model).Select(r => Label(r.Region, t)).ToList();
            if (regions.Count > 0)
            {
                rows.Add([[string.Join("; ", regions)], [ModelText(model, t, label)]]);
            }
        }

        rows.Add([[t["region_elsewhere"]], [ModelText(ConsentModel.OptIn, t, label)]]);
        var blocks = new List<PolicyBlock>
        {
            new Paragraph(t["region_location"]),
            new Table(t["region_table_caption"], [t["region_col_where"], t["region_col_model"]], rows),
        };
        if (HasOptOut(m))
        {
            blocks.Add(new Paragraph(t.Format("region_optout_rights", ("optout", Banner.BannerConfigWriter.SiteWords(t, m, "optout_reject_all")), ("label", label))));
        }

        // Said only while no region the law holds to opt-in is given less by the manifest (warning CN0131).
        if (!m.Regions.Any(r => r.Model != ConsentModel.OptIn && RegionCodes.Members(r.Region).Overlaps(RegionCodes.OptInByLaw)))
        {
            blocks.Add(new Paragraph(t["region_optin_law"]));
        }

        return new PolicySection(Id, t["region_heading"], blocks);
    }

    private static string ModelText(ConsentModel model, PolicyTexts t, string label) => model switch
    {
        ConsentModel.OptOut => t["region_model_optout"],
        ConsentModel.Notice => t.Format("region_model_notice", ("label", label)),
        ConsentModel.None => t.Format("region_model_none", ("label", label)),
        _ => t["region_model_optin"],
    };

    /// <summary>A group by its name in the reader's language (US-PRIVACY with its states); a country or subdivision by its ISO 3166 code.</summary>
    private static string Label(string region, PolicyTexts t) => region switch
    {
        RegionCodes.Eea => t["region_eea"],
        RegionCodes.Eu => t["region_eu"],
        RegionCodes.UsPrivacy => t.Format("region_us_privacy", ("states", string.Join(", ", RegionCodes.Members(region).Select(s => s[3..])))),
        _ => region,
    };
}
