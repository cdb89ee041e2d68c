using System.Globalization;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// A log's signed head in the C2SP <c>tlog-checkpoint</c> form: the origin (the log's name), the tree size in
/// decimal and the root hash in base64, one per line. <see cref="SignedCheckpoints"/> signs and opens it.
/// </summary>
/// <param name="Origin">The log's name: <c>&lt;key name&gt;/&lt;site&gt;</c>.</param>
/// <param name="Size">The number of leaves.</param>
/// <param name="Root">The RFC 9162 root hash, base64.</param>
public sealed record LogCheckpoint(string Origin, long Size, string Root)
{
    /// <summary>The checkpoint's text: what is signed.</summary>
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Root}\n";

    /// <summary>The root hash's bytes.</summary>
    public byte[] RootHash() => Convert.FromBase64String(Root);

    /// <summary>Reads a checkpoint's text (extension lines after the third are allowed and ignored); throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static LogCheckpoint Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0)
        {
            throw new InvalidDataException("A checkpoint has at least three lines, each ending in a newline: origin, tree size, root hash.");
        }

        if (!TryParseSize(lines[1], out var size))
        {
            throw new InvalidDataException($"The checkpoint's tree size '{lines[1]}' is not a decimal number without leading zeros.");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            root = [];
        }

        if (root.Length != MerkleHash.Size || Convert.ToBase64String(root) != lines[2])
        {
            throw new InvalidDataException($"The checkpoint's root hash '{lines[2]}' is not 32 bytes in standard base64.");
        }

        return new LogCheckpoint(lines[0], size, lines[2]);
    }

    /// <summary>A tree size as the C2SP formats write it: decimal, no sign, no leading zeros (the witness's <c>old</c> line too).</summary>
    internal static bool TryParseSize(string text, out long size)
    {
        size = 0;
        return text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
