using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// The ledger's signing keys in the text forms of Go's <c>sumdb/note</c> (which C2SP <c>signed-note</c> describes):
/// a signer key <c>PRIVATE+KEY+&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x01 || seed)&gt;</c> and a verifier key
/// <c>&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x01 || public key)&gt;</c>, where hash is the first four bytes of
/// SHA-256(name || "\n" || 0x01 || public key), in hex.
/// </summary>
public static class LogKeys
{
    private const string PrivatePrefix = "PRIVATE+KEY+";
    private const byte Ed25519 = 0x01;

    /// <summary>A new signer key for <paramref name="name"/> (a host-like name without spaces or '+').</summary>
    public static string Generate(string name)
    {
        CheckName(name);
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return $"{PrivatePrefix}{name}+{KeyHash(name, Ed25519, pub):x8}+{Convert.ToBase64String([Ed25519, .. seed])}";
    }

    /// <summary>
    /// The signer in the key file at <paramref name="path"/>; when there is no such file, a new key named
    /// <paramref name="name"/> is written there first, readable by its owner only. Returns whether it was created.
    /// </summary>
    public static (ICheckpointSigner Signer, bool Created) LoadOrCreateFile(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return (LoadSigner(File.ReadAllText(path)), false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Generate(name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, new UTF8Encoding(false), options))
        {
            writer.Write(key + "\n");
        }

        return (LoadSigner(key), true);
    }

    /// <summary>The signer a signer key stands for; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ICheckpointSigner LoadSigner(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        var text = signerKey.Trim();
        if (!text.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A ledger signing key starts with '{PrivatePrefix}'. Fix: make one with 'consentry ledger keygen --name <host>'.");
        }

        var parts = text[PrivatePrefix.Length..].Split('+', 3);
        if (parts.Length != 3 || parts[1].Length != 8 || !TryBase64(parts[2], out var raw) || raw.Length != 33 || raw[0] != Ed25519)
        {
            throw new FormatException("The ledger signing key is malformed (expected PRIVATE+KEY+<name>+<8 hex digits>+<base64 of 0x01 and a 32-byte seed>).");
        }

        CheckName(parts[0]);
        var key = Key.Import(SignatureAlgorithm.Ed25519, raw.AsSpan(1), KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        if (!parts[1].Equals(KeyHash(parts[0], Ed25519, pub).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
        {
            key.Dispose();
            throw new FormatException("The ledger signing key's hash does not match its name and key: the key was altered or cut short.");
        }

        return new Ed25519Signer(parts[0], key, pub);
    }

    /// <summary>The verifier key of the log named <paramref name="origin"/>, signed with <paramref name="publicKey"/>.</summary>
    public static string VerifierKey(string origin, ReadOnlySpan<byte> publicKey) =>
        $"{origin}+{KeyHash(origin, Ed25519, publicKey):x8}+{Convert.ToBase64String([Ed25519, .. publicKey])}";

    /// <summary>The name of a site's log (its checkpoints' origin): <c>&lt;key name&gt;/&lt;site&gt;</c>.</summary>
    public static string Origin(ICheckpointSigner signer, string site)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.Name + "/" + site;
    }

    /// <summary>Reads a verifier key: its name, key hash and public key (algorithm byte <paramref name="algorithm"/>).</summary>
    internal static (string Name, uint Hash, byte[] PublicKey) ParseVerifierKey(string verifierKey, byte algorithm = Ed25519)
    {
        var parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3 || parts[1].Length != 8 || !uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, null, out var hash)
            || !TryBase64(parts[2], out var raw) || raw.Length != 33 || raw[0] != algorithm)
        {
            throw new FormatException($"'{verifierKey}' is not a verifier key (<name>+<8 hex digits>+<base64 of the algorithm byte and a 32-byte Ed25519 key>).");
        }

        if (KeyHash(parts[0], algorithm, raw.AsSpan(1)) != hash)
        {
            throw new FormatException($"The verifier key for '{parts[0]}' does not match its hash: it was altered or is for another name.");
        }

        return (parts[0], hash, raw[1..]);
    }

    internal static uint KeyHash(string name, byte algorithm, ReadOnlySpan<byte> publicKey)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\n");
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. bytes, algorithm, .. publicKey]));
    }

    internal static bool VerifyEd25519(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && key is not null && SignatureAlgorithm.Ed25519.Verify(key, message, signature);

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new FormatException($"'{name}' cannot name a ledger key: use a host-like name without spaces or '+', e.g. ledger.acme.example.");
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
