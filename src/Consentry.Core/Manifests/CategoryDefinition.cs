using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>A purpose category: the four built-in ones or one the site adds.</summary>
public sealed record CategoryDefinition
{
    /// <summary>The id items refer to, e.g. <c>analytics</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The heading; built-in categories have localised defaults.</summary>
    public LocalizedText? Label { get; init; }
    /// <summary>What the category is for.</summary>
    public LocalizedText? Description { get; init; }
    /// <summary>Whether items of this category need the visitor's consent. False only for strictly necessary ones.</summary>
    public bool ConsentRequired { get; init; } = true;
    /// <summary>True for <c>necessary</c>, <c>functional</c>, <c>analytics</c> and <c>marketing</c>.</summary>
    public bool BuiltIn { get; init; }
    /// <summary>Where the category is declared, or null for a built-in the manifest does not mention.</summary>
    public SourceLocation? Location { get; init; }
}
