using System.Buffers.Binary;
using System.Text;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// Checkpoints as C2SP <c>signed-note</c>s: the checkpoint's text, a blank line, and one line per signature,
/// <c>— &lt;key name&gt; &lt;base64(key hash || signature)&gt;</c>. The same bytes Go's <c>sumdb/note</c> reads.
/// </summary>
public static class SignedCheckpoints
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Signs <paramref name="checkpoint"/> (whose origin must be the signer's name for the site) and returns the note.</summary>
    public static async Task<string> SignAsync(LogCheckpoint checkpoint, ICheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signer);
        var body = checkpoint.Body;
        var signature = await signer.SignAsync(Encoding.UTF8.GetBytes(body), cancellationToken);
        var hash = LogKeys.KeyHash(checkpoint.Origin, 0x01, signer.PublicKey.Span);
        var raw = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, hash);
        signature.CopyTo(raw, 4);
        return $"{body}\n{SignaturePrefix}{checkpoint.Origin} {Convert.ToBase64String(raw)}\n";
    }

    /// <summary>
    /// Checks the note's signature by <paramref name="verifierKey"/> and returns its checkpoint; throws
    /// <see cref="InvalidDataException"/> naming what is wrong (malformed, unsigned by that key, bad signature,
    /// or a checkpoint of another log than the key's).
    /// </summary>
    public static LogCheckpoint Open(string note, string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(verifierKey);
        var (name, hash, publicKey) = LogKeys.ParseVerifierKey(verifierKey);
        var (body, signatures) = Split(note);
        var checkpoint = LogCheckpoint.Parse(body);
        if (checkpoint.Origin != name)
        {
            throw new InvalidDataException($"The checkpoint is of the log '{checkpoint.Origin}', not of '{name}' whose key was given.");
        }

        foreach (var (signer, raw) in signatures)
        {
            if (signer == name && raw.Length == 68 && BinaryPrimitives.ReadUInt32BigEndian(raw) == hash)
            {
                return LogKeys.VerifyEd25519(publicKey, Encoding.UTF8.GetBytes(body), raw.AsSpan(4))
                    ? checkpoint
                    : throw new InvalidDataException($"The checkpoint's signature by '{name}' is not valid: the checkpoint was altered or signed by another key.");
            }
        }

        throw new InvalidDataException($"The checkpoint carries no signature by the key '{name}'.");
    }

    /// <summary>The checkpoint in a note, without checking any signature (for a note this ledger signed itself); <see cref="InvalidDataException"/> when malformed.</summary>
    public static LogCheckpoint ReadUnverified(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return LogCheckpoint.Parse(Split(note).Body);
    }

    /// <summary>The note's text and its signature lines (name, decoded bytes); throws <see cref="InvalidDataException"/> when malformed.</summary>
    internal static (string Body, List<(string Name, byte[] Raw)> Signatures) Split(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n') || note.Any(c => c < 0x20 && c != '\n'))
        {
            throw new InvalidDataException("A signed note is its text, a blank line, and signature lines, each ending in a newline.");
        }

        var signatures = new List<(string, byte[])>();
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal) || space <= SignaturePrefix.Length)
            {
                throw new InvalidDataException($"'{line}' is not a signature line ('— <key name> <base64>').");
            }

            try
            {
                signatures.Add((line[SignaturePrefix.Length..space], Convert.FromBase64String(line[(space + 1)..])));
            }
            catch (FormatException)
            {
                throw new InvalidDataException($"The signature of '{line[SignaturePrefix.Length..space]}' is not base64.");
            }
        }

        return (note[..(split + 1)], signatures);
    }
}
