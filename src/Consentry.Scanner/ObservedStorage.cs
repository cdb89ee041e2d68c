namespace Consentry.Scanner;

/// <summary>A localStorage or sessionStorage key, an IndexedDB database, a Cache Storage cache or a service worker (its script's path), seen on a page's origin.</summary>
public sealed record ObservedStorage(string Kind, string Name, string Origin, string FirstSeenOn)
{
    /// <summary>The manifest's storage type for <see cref="Kind"/>.</summary>
    public Consentry.Manifests.StorageType Type => Consentry.Manifests.StorageTypes.Parse(Kind) ?? Consentry.Manifests.StorageType.IndexedDb;

    /// <summary>The host of <see cref="Origin"/>, for catalogue entries tied to a host.</summary>
    public string? Host => Uri.TryCreate(Origin, UriKind.Absolute, out var origin) ? origin.Host : null;
}
