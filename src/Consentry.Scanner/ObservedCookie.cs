namespace Consentry.Scanner;

/// <summary>A cookie the browser held after a page.</summary>
public sealed record ObservedCookie(string Name, string Domain, string Path, double? ExpiresSeconds, bool Secure, bool HttpOnly, string SameSite, bool ThirdParty, string FirstSeenOn)
{
    /// <summary>True when only a script's document.cookie write showed it: it was removed again before the page went quiet (its attributes are unknown).</summary>
    public bool Transient { get; init; }

    /// <summary>For a partitioned (CHIPS) cookie, the top-level site it is kept for; null otherwise.</summary>
    public string? PartitionKey { get; init; }
}
