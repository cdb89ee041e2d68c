using Consentry.Manifests;

namespace Consentry.Classification;

/// <summary>
/// Consentry's own curated table of well-known analytics and advertising names, written for this
/// project. The scanner adds the Open Cookie Database, downloaded at run time, on top of it.
/// </summary>
public static class KnownCookies
{
    /// <summary>The table.</summary>
    public static IReadOnlyList<KnownCookie> All { get; } =
    [
        new("_ga", true, "Google Analytics", BuiltInCategories.Analytics),
        new("_gid", false, "Google Analytics", BuiltInCategories.Analytics),
        new("_gat", true, "Google Analytics", BuiltInCategories.Analytics),
        new("_gcl_", true, "Google Ads", BuiltInCategories.Marketing),
        new("IDE", false, "Google DoubleClick", BuiltInCategories.Marketing),
        new("_fbp", false, "Meta Pixel", BuiltInCategories.Marketing),
        new("_fbc", false, "Meta Pixel", BuiltInCategories.Marketing),
        new("ph_", true, "PostHog", BuiltInCategories.Analytics),
        new("_hj", true, "Hotjar", BuiltInCategories.Analytics),
        new("mp_", true, "Mixpanel", BuiltInCategories.Analytics),
        new("amp_", true, "Amplitude", BuiltInCategories.Analytics),
        new("ajs_", true, "Segment", BuiltInCategories.Analytics),
        new("_pk_", true, "Matomo", BuiltInCategories.Analytics),
        new("_clck", false, "Microsoft Clarity", BuiltInCategories.Analytics),
        new("_clsk", false, "Microsoft Clarity", BuiltInCategories.Analytics),
        new("_uetsid", false, "Microsoft Advertising", BuiltInCategories.Marketing),
        new("_uetvid", false, "Microsoft Advertising", BuiltInCategories.Marketing),
        new("_ttp", false, "TikTok", BuiltInCategories.Marketing),
        new("li_sugr", false, "LinkedIn", BuiltInCategories.Marketing),
        new("_rdt_uuid", false, "Reddit", BuiltInCategories.Marketing),
    ];

    /// <summary>The entry for <paramref name="name"/>, or null when the name is not in the table.</summary>
    public static KnownCookie? Find(string name) => All.FirstOrDefault(k => k.Matches(name));
}
