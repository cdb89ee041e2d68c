using System.Security.Cryptography;
using System.Text;

namespace Consentry.Ledger.Receipts;

/// <summary>
/// The keyed hash an account id is stored as: HMAC-SHA256 of the account id under a per-site key, itself HMAC-SHA256 of
/// <c>consentry/account-link/v1/&lt;site&gt;</c> under the operator's secret. Without the secret, a copy of the ledger
/// names no account, and the same account on two sites is two unrelated keys.
/// </summary>
public static class AccountKeys
{
    /// <summary>The shortest secret accepted, in UTF-8 bytes.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>64 lower-case hex digits for <paramref name="accountId"/> on <paramref name="site"/>.</summary>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinSecretBytes"/>, or the account id is empty.</exception>
    public static string For(string secret, string site, string accountId)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(site);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinSecretBytes)
        {
            throw new ArgumentException($"The account-link secret must be at least {MinSecretBytes} bytes (it is {key.Length}). Fix: use a long random value, e.g. 'openssl rand -base64 48'.", nameof(secret));
        }

        var siteKey = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("consentry/account-link/v1/" + site));
        return Convert.ToHexStringLower(HMACSHA256.HashData(siteKey, Encoding.UTF8.GetBytes(accountId)));
    }
}
