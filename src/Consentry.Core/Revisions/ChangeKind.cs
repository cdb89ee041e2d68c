namespace Consentry.Revisions;

/// <summary>Whether a change between two manifests matters to visitors.</summary>
public enum ChangeKind
{
    /// <summary>Wording or technical detail only; the revision does not move.</summary>
    Editorial,
    /// <summary>What is stored, why, how long, by whom, or under which rule changed; the revision moves.</summary>
    Material,
}
