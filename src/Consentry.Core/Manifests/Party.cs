namespace Consentry.Manifests;

/// <summary>Whether the site itself (first party) or another host (third party) stores the item.</summary>
public enum Party
{
    /// <summary>Stored under the site's own domain. The default.</summary>
    First,
    /// <summary>Stored under another organisation's domain, e.g. an embedded service.</summary>
    Third,
}
