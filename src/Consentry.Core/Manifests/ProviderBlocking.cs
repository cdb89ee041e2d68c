namespace Consentry.Manifests;

/// <summary>Whether the banner's blocker keeps providers the visitor has not granted from loading (<c>consent.blocking</c>).</summary>
public enum ProviderBlocking
{
    /// <summary><c>none</c>: only tags the page marks (<c>type="text/plain" data-consent</c>) wait for consent. The default.</summary>
    None,
    /// <summary>
    /// <c>providers</c>: <c>blocker.js</c>, loaded first, holds scripts, frames, images, fetch, XMLHttpRequest, beacons and
    /// WebSockets aimed at the domains of every provider that needs consent until the visitor grants it, whoever adds them.
    /// </summary>
    Providers,
}
