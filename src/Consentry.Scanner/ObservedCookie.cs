namespace Consentry.Scanner;

/// <summary>A cookie the browser held after a page.</summary>
public sealed record ObservedCookie(string Name, string Domain, string Path, double? ExpiresSeconds, bool Secure, bool HttpOnly, string SameSite, bool ThirdParty, string FirstSeenOn);
