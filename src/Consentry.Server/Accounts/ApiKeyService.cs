using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Consentry.Server.Audit;
using Consentry.Server.Data;
using Consentry.Server.Sites;

namespace Consentry.Server.Accounts;

/// <summary>API keys: made with a random secret shown once, stored as its SHA-256 (the secret has 256 bits, so a fast hash is enough), revoked, and checked per request.</summary>
internal sealed class ApiKeyService(ServerDatabase db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Makes a key; returns it with its token (shown once), or the reason it was refused.</summary>
    public async Task<(ApiKey? Key, string? Token, string? Problem)> CreateAsync(string name, IReadOnlyList<string> sites, string access, string actor, CancellationToken cancellationToken)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            return (null, null, "Give the key a name of 1 to 100 characters, saying what it is for.");
        }

        if (!ApiKey.Levels.Contains(access))
        {
            return (null, null, $"'{access}' is not an access level. Levels: {string.Join(", ", ApiKey.Levels)}.");
        }

        var scope = sites.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (scope.Count == 0 || access == ApiKey.Admin)
        {
            scope = ["*"];
        }

        if (scope.FirstOrDefault(s => s != "*" && SiteIds.Problem(s) is not null) is { } bad)
        {
            return (null, null, SiteIds.Problem(bad));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey(id, name, scope, access, clock.GetUtcNow(), actor, null);
        await db.ExecuteAsync("INSERT INTO server_api_keys (id, name, secret_hash, sites, access, created, created_by, revoked) VALUES (@id, @name, @hash, @sites, @access, @t, @by, NULL);", cancellationToken,
            ("@id", id), ("@name", name), ("@hash", Hash(secret)), ("@sites", string.Join(',', scope)), ("@access", access), ("@t", key.Created.ToUnixTimeMilliseconds()), ("@by", actor));
        await audit.RecordAsync(actor, "key.create", id, $"{access} on {string.Join(", ", scope)}: {name}", cancellationToken);
        return (key, $"{ApiKey.TokenPrefix}{id}_{secret}", null);
    }

    /// <summary>The live key a token names, or null (malformed, unknown, wrong secret or revoked).</summary>
    public async Task<ApiKey?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(ApiKey.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }

        var parts = token[ApiKey.TokenPrefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 12 || !parts[0].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var row = (await db.QueryAsync("SELECT id, name, sites, access, created, created_by, revoked, secret_hash FROM server_api_keys WHERE id = @id;", r => (Key: Read(r), Hash: r.GetString(7)), cancellationToken, ("@id", parts[0]))).FirstOrDefault();
        if (row.Key is null || row.Key.Revoked is not null)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(Hash(parts[1]))) ? row.Key : null;
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.QueryAsync("SELECT id, name, sites, access, created, created_by, revoked FROM server_api_keys ORDER BY created DESC;", Read, cancellationToken);

    public async Task<bool> RevokeAsync(string id, string actor, CancellationToken cancellationToken)
    {
        if (await db.ExecuteAsync("UPDATE server_api_keys SET revoked = @t WHERE id = @id AND revoked IS NULL;", cancellationToken, ("@id", id), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds())) == 0)
        {
            return false;
        }

        await audit.RecordAsync(actor, "key.revoke", id, "", cancellationToken);
        return true;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '~');

    private static ApiKey Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2).Split(','), r.GetString(3),
        ServerDatabase.Time(r.GetValue(4)), r.GetString(5),
        r.IsDBNull(6) ? null : ServerDatabase.Time(r.GetValue(6)));
}
