using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>One entry of the policy's change history.</summary>
public sealed record HistoryEntry
{
    /// <summary>When the change was published.</summary>
    public required DateOnly Date { get; init; }
    /// <summary>True when the change is material (moves the revision and "Last updated"). Default true.</summary>
    public bool Material { get; init; } = true;
    /// <summary>What changed.</summary>
    public required LocalizedText Summary { get; init; }
    /// <summary>Where the entry is declared.</summary>
    public required SourceLocation Location { get; init; }
}
