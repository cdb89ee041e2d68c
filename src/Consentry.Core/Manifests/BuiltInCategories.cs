namespace Consentry.Manifests;

/// <summary>The ids of the four categories every manifest has.</summary>
public static class BuiltInCategories
{
    /// <summary>Strictly necessary: no consent needed, always on.</summary>
    public const string Necessary = "necessary";
    /// <summary>Functional: preferences and features beyond what is strictly necessary.</summary>
    public const string Functional = "functional";
    /// <summary>Analytics: measuring how the site is used.</summary>
    public const string Analytics = "analytics";
    /// <summary>Marketing: advertising, retargeting, sale or sharing of data.</summary>
    public const string Marketing = "marketing";

    /// <summary>All four, in the order a policy lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Necessary, Functional, Analytics, Marketing];
}
