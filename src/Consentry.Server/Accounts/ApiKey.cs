namespace Consentry.Server.Accounts;

/// <summary>An API key as stored: never its secret, only the secret's SHA-256.</summary>
/// <param name="Id">The key's public id (the part of the token before its secret).</param>
/// <param name="Name">What it is for.</param>
/// <param name="Sites">The site ids it may use, or <c>*</c> for every site.</param>
/// <param name="Access"><c>read</c> (records, statistics, exports, revisions), <c>write</c> (also upload revisions and run verification) or <c>admin</c> (everything, users and keys included).</param>
/// <param name="Created">When.</param>
/// <param name="CreatedBy">Who made it.</param>
/// <param name="Revoked">When it was revoked, or null while it works.</param>
internal sealed record ApiKey(string Id, string Name, IReadOnlyList<string> Sites, string Access, DateTimeOffset Created, string CreatedBy, DateTimeOffset? Revoked)
{
    /// <summary>Read-only access.</summary>
    public const string Read = "read";

    /// <summary>Read and publish.</summary>
    public const string Write = "write";

    /// <summary>Everything.</summary>
    public const string Admin = "admin";

    /// <summary>Every access level, weakest first.</summary>
    public static IReadOnlyList<string> Levels { get; } = [Read, Write, Admin];

    /// <summary>The token's prefix: <c>csk_&lt;id&gt;_&lt;secret&gt;</c>.</summary>
    public const string TokenPrefix = "csk_";
}
