namespace Consentry.Server.Accounts;

/// <summary>What an account may do: an admin manages sites, users and keys and reads everything; an auditor reads records, statistics, exports and the audit trail.</summary>
public static class Roles
{
    /// <summary>Sites, users, API keys, and everything an auditor does.</summary>
    public const string Admin = "admin";

    /// <summary>Records, statistics, exports and the audit trail, read-only.</summary>
    public const string Auditor = "auditor";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Auditor];
}
