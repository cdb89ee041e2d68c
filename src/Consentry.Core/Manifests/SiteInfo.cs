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
}
