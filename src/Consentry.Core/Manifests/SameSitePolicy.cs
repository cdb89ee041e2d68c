namespace Consentry.Manifests;

/// <summary>The SameSite attribute of a cookie.</summary>
public enum SameSitePolicy
{
    /// <summary><c>SameSite=Strict</c>.</summary>
    Strict,
    /// <summary><c>SameSite=Lax</c>; browsers also treat a missing attribute as Lax.</summary>
    Lax,
    /// <summary><c>SameSite=None</c>; needs <c>Secure</c>.</summary>
    None,
}
