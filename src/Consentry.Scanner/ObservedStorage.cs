namespace Consentry.Scanner;

/// <summary>A localStorage or sessionStorage key, or an IndexedDB database, seen on a page's origin.</summary>
public sealed record ObservedStorage(string Kind, string Name, string Origin, string FirstSeenOn)
{
    /// <summary>The manifest's storage type for <see cref="Kind"/>.</summary>
    internal Consentry.Manifests.StorageType Type => Kind switch
    {
        "localStorage" => Consentry.Manifests.StorageType.LocalStorage,
        "sessionStorage" => Consentry.Manifests.StorageType.SessionStorage,
        _ => Consentry.Manifests.StorageType.IndexedDb,
    };

    /// <summary>The host of <see cref="Origin"/>, for catalogue entries tied to a host.</summary>
    internal string? Host => Uri.TryCreate(Origin, UriKind.Absolute, out var origin) ? origin.Host : null;
}
