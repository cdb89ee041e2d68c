namespace Consentry.Manifests;

/// <summary>Where in the browser an item lives. Manifest spelling in brackets.</summary>
public enum StorageType
{
    /// <summary>An HTTP cookie (<c>cookie</c>).</summary>
    Cookie,
    /// <summary>A <c>localStorage</c> key (<c>localStorage</c>).</summary>
    LocalStorage,
    /// <summary>A <c>sessionStorage</c> key (<c>sessionStorage</c>).</summary>
    SessionStorage,
    /// <summary>An IndexedDB database (<c>indexedDB</c>).</summary>
    IndexedDb,
    /// <summary>A Cache Storage cache, by its name (<c>cacheStorage</c>).</summary>
    CacheStorage,
    /// <summary>A service worker registration, by its script's path, e.g. <c>/sw.js</c> (<c>serviceWorker</c>).</summary>
    ServiceWorker,
}
