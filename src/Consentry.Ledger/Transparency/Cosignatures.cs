using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// Witness cosignatures as C2SP <c>tlog-cosignature</c> defines them (timestamped Ed25519, <c>cosignature/v1</c>):
/// the witness signs <c>"cosignature/v1\ntime &lt;seconds&gt;\n"</c> followed by the checkpoint's text, and its
/// signature line carries the key id (algorithm byte 0x04), the time (8 bytes, big-endian) and the signature.
/// </summary>
public static class Cosignatures
{
    private const byte Algorithm = 0x04;

    /// <summary>The witness's verifier key (<c>&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x04 || public key)&gt;</c>), which logs and verifiers pin.</summary>
    public static string WitnessKey(ICheckpointSigner witness)
    {
        ArgumentNullException.ThrowIfNull(witness);
        return $"{witness.Name}+{LogKeys.KeyHash(witness.Name, Algorithm, witness.PublicKey.Span):x8}+{Convert.ToBase64String([Algorithm, .. witness.PublicKey.Span])}";
    }

    /// <summary>The signature line by which <paramref name="witness"/> cosigns <paramref name="checkpoint"/> at <paramref name="time"/>.</summary>
    public static async Task<string> CosignAsync(LogCheckpoint checkpoint, ICheckpointSigner witness, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(witness);
        var seconds = (ulong)time.ToUnixTimeSeconds();
        var signature = await witness.SignAsync(Message(checkpoint.Body, seconds), cancellationToken);
        var raw = new byte[4 + 8 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, LogKeys.KeyHash(witness.Name, Algorithm, witness.PublicKey.Span));
        BinaryPrimitives.WriteUInt64BigEndian(raw.AsSpan(4), seconds);
        signature.CopyTo(raw, 12);
        return $"\u2014 {witness.Name} {Convert.ToBase64String(raw)}\n";
    }

    /// <summary>
    /// The time each of the given witnesses cosigned the note's checkpoint, by witness name (witnesses that did not
    /// cosign it are absent); a cosignature by a given witness that does not verify is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> Verify(string note, IEnumerable<string> witnessKeys)
    {
        ArgumentNullException.ThrowIfNull(witnessKeys);
        var (body, signatures) = SignedCheckpoints.Split(note);
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in witnessKeys)
        {
            var (name, hash, publicKey) = LogKeys.ParseVerifierKey(key, Algorithm);
            foreach (var (signer, raw) in signatures.Where(s => s.Name == name && s.Raw.Length == 76 && BinaryPrimitives.ReadUInt32BigEndian(s.Raw) == hash))
            {
                var seconds = BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(4));
                if (seconds > long.MaxValue / 1000 || !LogKeys.VerifyEd25519(publicKey, Message(body, seconds), raw.AsSpan(12)))
                {
                    throw new InvalidDataException($"The cosignature of the witness '{signer}' does not verify: the checkpoint was altered after it was cosigned.");
                }

                found[signer] = DateTimeOffset.FromUnixTimeSeconds((long)seconds);
            }
        }

        return found;
    }

    private static byte[] Message(string body, ulong seconds) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {seconds.ToString(CultureInfo.InvariantCulture)}\n{body}");
}
