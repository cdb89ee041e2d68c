namespace Consentry.Revisions;

/// <summary>One difference between two manifests.</summary>
/// <param name="Kind">Material or editorial.</param>
/// <param name="Subject">What changed, e.g. <c>item 'ph_*' (cookie)</c>.</param>
/// <param name="Description">How it changed, naming old and new values.</param>
/// <param name="RequiresConsent">True when visitors must be asked again: a new or widened non-essential purpose.</param>
public sealed record ManifestChange(ChangeKind Kind, string Subject, string Description, bool RequiresConsent)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Kind == ChangeKind.Material ? "material " : "editorial")}  {Subject}: {Description}{(RequiresConsent ? " (renewed consent required)" : "")}";
}
