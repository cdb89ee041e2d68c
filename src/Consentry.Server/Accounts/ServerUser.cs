namespace Consentry.Server.Accounts;

/// <summary>An account of the admin UI.</summary>
/// <param name="Email">The sign-in name.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's password hash.</param>
/// <param name="Role"><see cref="Roles.Admin"/> or <see cref="Roles.Auditor"/>.</param>
/// <param name="Failed">Failed sign-ins in a row.</param>
/// <param name="LockedUntil">Locked until then (Unix milliseconds; 0 when not locked).</param>
/// <param name="Created">When it was made.</param>
/// <param name="MustChangePassword">Whether its password was generated (shown once) and must be replaced at the next sign-in.</param>
internal sealed record ServerUser(string Email, string PasswordHash, string Role, int Failed, long LockedUntil, DateTimeOffset Created, bool MustChangePassword = false);
