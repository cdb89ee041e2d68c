namespace Consentry.Policy;

/// <summary>A numbered section of the policy.</summary>
/// <param name="Id">A stable anchor, e.g. <c>cookies-we-use</c>.</param>
/// <param name="Heading">The localised heading.</param>
/// <param name="Blocks">The content.</param>
internal sealed record PolicySection(string Id, string Heading, IReadOnlyList<PolicyBlock> Blocks);
