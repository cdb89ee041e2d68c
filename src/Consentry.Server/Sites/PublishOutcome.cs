namespace Consentry.Server.Sites;

/// <summary>What became of an uploaded manifest.</summary>
internal enum PublishOutcome
{
    /// <summary>A new site, served from now on.</summary>
    Created,

    /// <summary>A new revision of a site, served from now on.</summary>
    Updated,

    /// <summary>The same text as the latest revision: nothing stored.</summary>
    Unchanged,

    /// <summary>The manifest has errors (or changes materially without a new material history entry): nothing stored.</summary>
    Invalid,

    /// <summary>The site id is not usable: nothing stored.</summary>
    BadSiteId,
}
