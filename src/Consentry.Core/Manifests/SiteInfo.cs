namespace Consentry.Manifests;

/// <summary>The site the manifest describes.</summary>
public sealed record SiteInfo
{
    /// <summary>The product or site name.</summary>
    public required string Name { get; init; }
    /// <summary>The site's domains, e.g. <c>claimcmr.com</c>; the first is the main one.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
    /// <summary>The legal owner (controller), if it differs from the name.</summary>
    public string? Owner { get; init; }
    /// <summary>Contact details.</summary>
    public ContactInfo Contact { get; init; } = new();
    /// <summary>The site's privacy policy.</summary>
    public Uri? PrivacyPolicy { get; init; }
    /// <summary>The site's terms of service.</summary>
    public Uri? Terms { get; init; }
    /// <summary>The language the manifest's own texts are written in. Default <c>en</c>.</summary>
    public string Language { get; init; } = "en";
    /// <summary>
    /// The languages the site's pages are in, besides <see cref="Language"/>: the banner's configuration carries
    /// its texts in these, in the visitor's browser languages and in English, and no others.
    /// </summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
}
