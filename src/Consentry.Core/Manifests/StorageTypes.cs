namespace Consentry.Manifests;

/// <summary>
/// The one spelling of each storage type, as the manifest's <c>type</c>, the scanner's observations and the
/// reports write it: <c>cookie</c>, <c>localStorage</c>, <c>sessionStorage</c>, <c>indexedDB</c>, <c>cacheStorage</c>,
/// <c>serviceWorker</c>.
/// </summary>
public static class StorageTypes
{
    private static readonly (string Name, StorageType Type)[] Names =
        [("cookie", StorageType.Cookie), ("localStorage", StorageType.LocalStorage), ("sessionStorage", StorageType.SessionStorage), ("indexedDB", StorageType.IndexedDb),
         ("cacheStorage", StorageType.CacheStorage), ("serviceWorker", StorageType.ServiceWorker)];

    /// <summary>Every name, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The name of <paramref name="type"/>.</summary>
    public static string Name(StorageType type) => Names.First(n => n.Type == type).Name;

    /// <summary>The type called <paramref name="name"/> (exact spelling), or null.</summary>
    public static StorageType? Parse(string name) => Names.Where(n => n.Name == name).Select(n => (StorageType?)n.Type).FirstOrDefault();
}
