namespace Consentry.Ledger.Chain;

/// <summary>One break in a site's chain, naming the entry.</summary>
/// <param name="Site">The site.</param>
/// <param name="Sequence">The entry where the break shows.</param>
/// <param name="Kind">edited, deleted, reordered or inserted.</param>
/// <param name="Detail">What exactly does not match.</param>
public sealed record ChainProblem(string Site, long Sequence, string Kind, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Site} #{Sequence}: {Kind}: {Detail}";
}
