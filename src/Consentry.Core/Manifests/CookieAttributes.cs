namespace Consentry.Manifests;

/// <summary>The attributes a cookie is expected to carry; null means "not stated".</summary>
public sealed record CookieAttributes
{
    /// <summary>An empty set: nothing stated.</summary>
    public static CookieAttributes None { get; } = new();

    /// <summary>The <c>Secure</c> attribute.</summary>
    public bool? Secure { get; init; }
    /// <summary>The <c>HttpOnly</c> attribute.</summary>
    public bool? HttpOnly { get; init; }
    /// <summary>The <c>Partitioned</c> (CHIPS) attribute.</summary>
    public bool? Partitioned { get; init; }
    /// <summary>The <c>SameSite</c> attribute.</summary>
    public SameSitePolicy? SameSite { get; init; }
    /// <summary>The <c>Path</c> attribute.</summary>
    public string? Path { get; init; }
    /// <summary>The <c>Domain</c> attribute.</summary>
    public string? Domain { get; init; }

    /// <summary>True when no attribute is stated.</summary>
    public bool IsEmpty => this == None;

    /// <summary>These attributes, with every attribute <paramref name="other"/> states taking its place.</summary>
    public CookieAttributes With(CookieAttributes? other) => other is null ? this : new CookieAttributes
    {
        Secure = other.Secure ?? Secure,
        HttpOnly = other.HttpOnly ?? HttpOnly,
        Partitioned = other.Partitioned ?? Partitioned,
        SameSite = other.SameSite ?? SameSite,
        Path = other.Path ?? Path,
        Domain = other.Domain ?? Domain,
    };
}
