namespace Consentry.Server.Api;

/// <summary>A new account: its e-mail, role (admin or auditor) and, optionally, its password (else one is generated and answered once).</summary>
/// <param name="Email">The sign-in name.</param>
/// <param name="Role">admin or auditor.</param>
/// <param name="Password">At least 12 characters; omitted: generated.</param>
internal sealed record AccountRequest(string Email, string Role, string? Password);
