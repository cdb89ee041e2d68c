using System.Data.Common;
using System.Globalization;
using Consentry.Server.Data;

namespace Consentry.Server.Accounts;

/// <summary>Accounts in the server's tables. E-mails are stored in lower case.</summary>
internal sealed class UserRepository(ServerDatabase db)
{
    public async Task<ServerUser?> FindAsync(string email, CancellationToken cancellationToken) =>
        (await db.QueryAsync("SELECT email, password_hash, role, failed, locked_until, created, must_change FROM server_users WHERE email = @e;", Read, cancellationToken, ("@e", email.ToLowerInvariant()))).FirstOrDefault();

    public Task<List<ServerUser>> ListAsync(CancellationToken cancellationToken) =>
        db.QueryAsync("SELECT email, password_hash, role, failed, locked_until, created, must_change FROM server_users ORDER BY email;", Read, cancellationToken);

    /// <summary>Adds the account; false when the e-mail is taken.</summary>
    public async Task<bool> AddAsync(ServerUser user, CancellationToken cancellationToken)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO server_users (email, password_hash, role, failed, locked_until, created, must_change) VALUES (@e, @h, @r, 0, 0, @c, @m);", cancellationToken,
                ("@e", user.Email.ToLowerInvariant()), ("@h", user.PasswordHash), ("@r", user.Role), ("@c", user.Created.ToUnixTimeMilliseconds()), ("@m", user.MustChangePassword ? 1 : 0));
            return true;
        }
        catch (DbException e) when (ServerDatabase.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>Counts a failed sign-in; locks the account until <paramref name="lockUntil"/> when it reaches <paramref name="attempts"/>. Returns the new count.</summary>
    public async Task<int> RecordFailureAsync(string email, int attempts, long lockUntil, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync("UPDATE server_users SET failed = failed + 1, locked_until = CASE WHEN failed + 1 >= @a THEN @until ELSE locked_until END WHERE email = @e;", cancellationToken,
            ("@e", email.ToLowerInvariant()), ("@a", attempts), ("@until", lockUntil));
        return (await FindAsync(email, cancellationToken))?.Failed ?? 0;
    }

    public Task<int> ResetFailuresAsync(string email, CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_users SET failed = 0, locked_until = 0 WHERE email = @e;", cancellationToken, ("@e", email.ToLowerInvariant()));

    public Task<int> SetPasswordAsync(string email, string hash, bool mustChange, CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_users SET password_hash = @h, failed = 0, locked_until = 0, must_change = @m WHERE email = @e;", cancellationToken,
            ("@e", email.ToLowerInvariant()), ("@h", hash), ("@m", mustChange ? 1 : 0));

    public Task<int> RemoveAsync(string email, CancellationToken cancellationToken) =>
        db.ExecuteAsync("DELETE FROM server_users WHERE email = @e;", cancellationToken, ("@e", email.ToLowerInvariant()));

    private static ServerUser Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), ServerDatabase.Long(r.GetValue(4)),
        ServerDatabase.Time(r.GetValue(5)), ServerDatabase.Long(r.GetValue(6)) != 0);
}
