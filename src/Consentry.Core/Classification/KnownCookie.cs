namespace Consentry.Classification;

/// <summary>A cookie or storage name whose purpose is widely known.</summary>
/// <param name="Name">The name, or prefix when <paramref name="IsPrefix"/>.</param>
/// <param name="IsPrefix">True when any name starting with <paramref name="Name"/> matches.</param>
/// <param name="Provider">Who sets it.</param>
/// <param name="Category">The built-in category it belongs to.</param>
public sealed record KnownCookie(string Name, bool IsPrefix, string Provider, string Category)
{
    /// <summary>True when <paramref name="name"/> is this cookie.</summary>
    public bool Matches(string name) => IsPrefix ? name.StartsWith(Name, StringComparison.Ordinal) : name == Name;
}
