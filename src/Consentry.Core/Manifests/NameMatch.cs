namespace Consentry.Manifests;

/// <summary>How an item's name matches what a browser stores.</summary>
public enum NameMatch
{
    /// <summary>The whole name, e.g. <c>session_token</c>.</summary>
    Exact,
    /// <summary>Any name starting with the given text; written with a trailing star, e.g. <c>ph_*</c>.</summary>
    Prefix,
}
