namespace Consentry.Server.Accounts;

/// <summary>The result of a sign-in attempt.</summary>
internal enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Succeeded,

    /// <summary>Unknown e-mail or wrong password (never said which).</summary>
    Failed,

    /// <summary>Too many failures in a row: locked for a while, whatever the password.</summary>
    LockedOut,
}
