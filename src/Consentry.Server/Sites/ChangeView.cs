namespace Consentry.Server.Sites;

/// <summary>One change between two revisions, as <c>consentry diff</c> lists it.</summary>
/// <param name="Kind"><c>material</c> or <c>editorial</c>.</param>
/// <param name="Subject">What changed (an item, a provider, a statement).</param>
/// <param name="Description">How.</param>
/// <param name="RequiresConsent">Whether it alone asks visitors again.</param>
internal sealed record ChangeView(string Kind, string Subject, string Description, bool RequiresConsent);
