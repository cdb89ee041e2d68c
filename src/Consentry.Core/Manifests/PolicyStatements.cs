namespace Consentry.Manifests;

/// <summary>Statements the policy must make in the owner's own words.</summary>
public sealed record PolicyStatements
{
    /// <summary>An opening paragraph after the title.</summary>
    public LocalizedText? Intro { get; init; }
    /// <summary>The "What we don't do" list.</summary>
    public IReadOnlyList<LocalizedText> WeDoNotUse { get; init; } = [];
    /// <summary>A paragraph after the "What we don't do" list.</summary>
    public LocalizedText? WeDoNotNote { get; init; }
    /// <summary>How visitors learn of changes, e.g. "Material changes will be e-mailed to account holders."</summary>
    public LocalizedText? Changes { get; init; }
    /// <summary>Replaces the derived Do Not Track statement.</summary>
    public LocalizedText? DoNotTrack { get; init; }
    /// <summary>A note after the browser instructions, e.g. "Blocking all cookies prevents login."</summary>
    public LocalizedText? BrowserNote { get; init; }
}
