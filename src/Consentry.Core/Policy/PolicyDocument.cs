using Consentry.Manifests;

namespace Consentry.Policy;

/// <summary>The policy as a document: built once per language from the manifest, then rendered to any format.</summary>
internal sealed record PolicyDocument(
    CookieManifest Manifest,
    string Language,
    string Title,
    string LastUpdatedLabel,
    string? LastUpdated,
    string RevisionLabel,
    IReadOnlyList<Inline> Intro,
    IReadOnlyList<PolicySection> Sections)
{
    /// <summary><c>rtl</c> or <c>ltr</c>, the language's writing direction.</summary>
    public string Direction { get; init; } = "ltr";
}
