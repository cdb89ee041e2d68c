using System.Security.Cryptography;
using System.Text;

namespace Consentry.Server.Notifications;

/// <summary>
/// Standard Webhooks signatures: HMAC-SHA256, keyed with the base64 part of the <c>whsec_</c> secret, over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; the header carries <c>v1,</c> and the base64 digest.
/// </summary>
internal static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a webhook's timestamp may be from the receiver's clock (the Standard Webhooks default): an older message is a replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether one of the <c>v1,</c> signatures in <paramref name="signatureHeader"/> (space-separated) is the
    /// message's and its timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Encoding.ASCII.GetBytes(Sign(secret, id, seconds, body));
        }
        catch (FormatException)
        {
            return false; // the secret is not base64
        }

        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var digest = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(digest);
    }
}
