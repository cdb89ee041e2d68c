using System.Net.Mail;
using System.Security.Cryptography;
using Consentry.Server.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Accounts;

/// <summary>Accounts: creation (with a generated one-time password when none is given), sign-in with lockout, removal; every change audited.</summary>
internal sealed class AccountService(UserRepository users, AuditTrail audit, IOptions<ServerOptions> options, TimeProvider clock)
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<ServerUser> Hasher = new();

    /// <summary>A hash no password matches, checked for unknown e-mails so a sign-in takes as long whether or not the account exists.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Creates an account; returns the password (the one given, or a generated one to show once) or the reason it was refused.</summary>
    public async Task<(string? Password, string? Problem)> CreateAsync(string email, string role, string? password, string actor, CancellationToken cancellationToken)
    {
        email = (email ?? "").Trim();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || email.Length > 254)
        {
            return (null, $"'{Short(email)}' is not an e-mail address.");
        }

        if (!Roles.All.Contains(role))
        {
            return (null, $"'{Short(role)}' is not a role. Roles: {string.Join(", ", Roles.All)}.");
        }

        var generated = password is null;
        password ??= Generate();
        if (password.Length < MinimumPasswordLength)
        {
            return (null, $"The password has {password.Length} characters; use at least {MinimumPasswordLength}.");
        }

        var user = new ServerUser(email, Hasher.HashPassword(null!, password), role, 0, 0, clock.GetUtcNow(), MustChangePassword: generated);
        if (!await users.AddAsync(user, cancellationToken))
        {
            return (null, $"An account for {email} exists already.");
        }

        await audit.RecordAsync(actor, "user.add", email.ToLowerInvariant(), "role " + role, cancellationToken);
        return (password, null);
    }

    public async Task<(SignInOutcome Outcome, ServerUser? User)> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync((email ?? "").Trim(), cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (user is null)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password ?? "");
            return (SignInOutcome.Failed, null);
        }

        if (user.LockedUntil > now)
        {
            await audit.RecordAsync(user.Email, "signin.refused", user.Email, "account locked", cancellationToken);
            return (SignInOutcome.LockedOut, null);
        }

        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "") == PasswordVerificationResult.Failed)
        {
            var o = options.Value;
            var failed = await users.RecordFailureAsync(user.Email, o.LockoutAttempts, now + (long)o.LockoutDuration.TotalMilliseconds, cancellationToken);
            if (failed >= o.LockoutAttempts)
            {
                await audit.RecordAsync(user.Email, "signin.locked", user.Email, $"{failed} failed sign-ins in a row; locked for {o.LockoutDuration.TotalMinutes:0} minutes", cancellationToken);
                return (SignInOutcome.LockedOut, null);
            }

            return (SignInOutcome.Failed, null);
        }

        await users.ResetFailuresAsync(user.Email, cancellationToken);
        await audit.RecordAsync(user.Email, "signin", user.Email, "", cancellationToken);
        return (SignInOutcome.Succeeded, user);
    }

    /// <summary>The signed-in account replaces its password: the current one must be right, the new one long enough and different.</summary>
    public async Task<string?> ChangePasswordAsync(string email, string current, string replacement, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(email, cancellationToken) is not { } user || Hasher.VerifyHashedPassword(user, user.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            return "The current password is wrong.";
        }

        if ((replacement ?? "").Length < MinimumPasswordLength)
        {
            return $"The new password needs at least {MinimumPasswordLength} characters.";
        }

        if (replacement == current)
        {
            return "The new password must differ from the one-time password.";
        }

        await users.SetPasswordAsync(email, Hasher.HashPassword(user, replacement!), mustChange: false, cancellationToken);
        await audit.RecordAsync(email.ToLowerInvariant(), "user.password", email.ToLowerInvariant(), "password changed by its owner", cancellationToken);
        return null;
    }

    public Task<List<ServerUser>> ListAsync(CancellationToken cancellationToken) => users.ListAsync(cancellationToken);

    public async Task<bool> RemoveAsync(string email, string actor, CancellationToken cancellationToken)
    {
        if (await users.RemoveAsync(email, cancellationToken) == 0)
        {
            return false;
        }

        await audit.RecordAsync(actor, "user.remove", email.ToLowerInvariant(), "", cancellationToken);
        return true;
    }

    /// <summary>
    /// Sets a new password (given, or generated to show once, which must then be replaced at the next sign-in) and
    /// unlocks the account; null problem on success.
    /// </summary>
    public async Task<(string? Password, string? Problem)> ResetPasswordAsync(string email, string? password, string actor, CancellationToken cancellationToken)
    {
        var generated = password is null;
        password ??= Generate();
        if (password.Length < MinimumPasswordLength)
        {
            return (null, $"The password has {password.Length} characters; use at least {MinimumPasswordLength}.");
        }

        if (await users.SetPasswordAsync(email, Hasher.HashPassword(null!, password), generated, cancellationToken) == 0)
        {
            return (null, $"No account {email}. Fix: create it with 'consentry server admin add --email {email}'.");
        }

        await audit.RecordAsync(actor, "user.password", email.ToLowerInvariant(), "password reset", cancellationToken);
        return (password, null);
    }

    /// <summary>Unlocks an account and clears its failures.</summary>
    public async Task<bool> UnlockAsync(string email, string actor, CancellationToken cancellationToken)
    {
        if (await users.ResetFailuresAsync(email, cancellationToken) == 0)
        {
            return false;
        }

        await audit.RecordAsync(actor, "user.unlock", email.ToLowerInvariant(), "", cancellationToken);
        return true;
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alikes.</summary>
    private static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string([.. Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]);
    }

    private static string Short(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
