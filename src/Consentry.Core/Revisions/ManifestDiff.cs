namespace Consentry.Revisions;

/// <summary>The changes from one manifest to the next, and what they mean for the revision and for consent.</summary>
public sealed record ManifestDiff
{
    /// <summary>Every change found, material first.</summary>
    public required IReadOnlyList<ManifestChange> Changes { get; init; }
    /// <summary>The old manifest's revision.</summary>
    public int OldRevision { get; init; }
    /// <summary>The new manifest's revision.</summary>
    public int NewRevision { get; init; }
    /// <summary>"Last updated" of the new manifest.</summary>
    public DateOnly? NewLastUpdated { get; init; }
    /// <summary>Whether the old manifest needed a banner.</summary>
    public bool OldBannerRequired { get; init; }
    /// <summary>Whether the new manifest needs a banner.</summary>
    public bool NewBannerRequired { get; init; }

    /// <summary>True when any change is material.</summary>
    public bool HasMaterialChanges => Changes.Any(c => c.Kind == ChangeKind.Material);

    /// <summary>True when visitors who consented before must be asked again.</summary>
    public bool RequiresRenewedConsent => Changes.Any(c => c.RequiresConsent);

    /// <summary>True when material changes exist but the history has no new material entry, so revision and "Last updated" would not move.</summary>
    public bool RevisionNotMoved => HasMaterialChanges && NewRevision <= OldRevision;

    /// <summary>True when the revision moved although nothing material changed.</summary>
    public bool RevisionMovedWithoutChange => !HasMaterialChanges && NewRevision > OldRevision;
}
