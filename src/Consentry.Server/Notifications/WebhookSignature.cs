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

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var digest = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(digest);
    }
}
