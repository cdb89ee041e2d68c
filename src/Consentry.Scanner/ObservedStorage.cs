namespace Consentry.Scanner;

/// <summary>A localStorage or sessionStorage key, or an IndexedDB database, seen on a page's origin.</summary>
public sealed record ObservedStorage(string Kind, string Name, string Origin, string FirstSeenOn);
