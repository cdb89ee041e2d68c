namespace Consentry.Manifests;

/// <summary>How visitors reach the site owner about cookies.</summary>
public sealed record ContactInfo
{
    /// <summary>A name to address, e.g. "ClinixAI - Privacy".</summary>
    public string? Name { get; init; }
    /// <summary>An e-mail address.</summary>
    public string? Email { get; init; }
    /// <summary>A web page or form.</summary>
    public Uri? Url { get; init; }
}
