using System.Text;
using System.Text.Json;
using Consentry.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Consentry.Manifests.Parsing;

/// <summary>
/// Checks a manifest's bytes and event stream before any tree is built, so hostile input is a located error,
/// not a crash: size, UTF-8, strict JSON for <c>.json</c> files, and (streaming, without recursion) nesting
/// depth, a second document, unknown tags and alias bombs.
/// </summary>
internal static class ManifestGuard
{
    /// <summary>The largest manifest read: far above any real one (the reference manifests are under 10 KB).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists: a manifest needs about five.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most aliases a manifest may use.</summary>
    public const int MaxAliases = 100;

    /// <summary>The YAML core schema's tags (<c>!!str</c> and the like): they only restate a plain value's type.</summary>
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    };

    /// <summary>Decodes strict UTF-8 (a leading BOM is skipped), or says where the first bad byte is.</summary>
    public static (string? Text, Diagnostic? Error) Decode(byte[] bytes, string path)
    {
        if (bytes.Length > MaxBytes)
        {
            return (null, TooLarge(bytes.Length, path));
        }

        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = Locate(bytes, start, start + Math.Max(0, e.Index));
            return (null, new Diagnostic(Severity.Error, DiagnosticCodes.InvalidEncoding,
                $"The file is not valid UTF-8 (byte 0x{bytes[start + Math.Max(0, e.Index)]:X2}).", "Save the file as UTF-8.", new SourceLocation(path, at.Line, at.Column)));
        }
    }

    /// <summary>Every structural problem found before the tree is built, or none.</summary>
    public static List<Diagnostic> Check(string text, string path)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes)
        {
            return [TooLarge(bytes, path)];
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && StrictJson(text, path) is { } json)
        {
            return [json];
        }

        return Events(text, path);
    }

    private static Diagnostic TooLarge(long bytes, string path) =>
        new(Severity.Error, DiagnosticCodes.TooLarge, $"The file is {bytes:N0} bytes; a manifest may be at most {MaxBytes:N0} bytes.", "Split notes out of the manifest; list each cookie once (use a name prefix such as 'ph_*' for families).", SourceLocation.StartOf(path));

    /// <summary>JSON manifests are JSON: no trailing commas, comments or single quotes, which YAML would let through.</summary>
    private static Diagnostic? StrictJson(string text, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth + 1 });
            return null;
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return new Diagnostic(Severity.Error, DiagnosticCodes.Syntax, $"The file is not valid JSON: {(cut > 0 ? message[..cut] : message).TrimEnd('.')}.",
                "Remove trailing commas and comments, and quote keys and strings with double quotes; or write the manifest as YAML.",
                new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }
    }

    private static List<Diagnostic> Events(string text, string path)
    {
        var problems = new List<Diagnostic>();
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var documents = 0;
        var aliases = 0;
        var anchoredDepth = int.MaxValue; // the depth of the outermost open anchored collection
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var at = new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column);
                switch (e)
                {
                    case DocumentStart when ++documents == 2:
                        problems.Add(new Diagnostic(Severity.Error, DiagnosticCodes.ExtraDocument, "A second YAML document starts here; a manifest is one document.", "Remove the '---' and what follows, or move it into its own file.", at));
                        return problems;
                    case NodeEvent { Tag.IsEmpty: false } node when !CoreTags.Contains(node.Tag.Value):
                        problems.Add(new Diagnostic(Severity.Error, DiagnosticCodes.UnknownTag, $"The tag '{node.Tag.Value}' means nothing in a manifest.", "Remove the tag; write the value plainly.", at));
                        return problems;
                    case AnchorAlias when ++aliases > MaxAliases || depth >= anchoredDepth:
                        problems.Add(new Diagnostic(Severity.Error, DiagnosticCodes.AliasAbuse, aliases > MaxAliases
                            ? $"More than {MaxAliases} aliases; a manifest does not need so many."
                            : "An alias inside an anchored value could multiply the document.", "Write the values out instead of using '*' aliases.", at));
                        return problems;
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                        {
                            problems.Add(new Diagnostic(Severity.Error, DiagnosticCodes.TooDeep, $"Mappings and lists are nested more than {MaxDepth} levels deep here.", "A manifest needs about five levels; check the indentation.", at));
                            return problems;
                        }

                        if (e is NodeEvent { Anchor.IsEmpty: false } && depth < anchoredDepth)
                        {
                            anchoredDepth = depth;
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        if (depth-- == anchoredDepth)
                        {
                            anchoredDepth = int.MaxValue;
                        }

                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Syntax errors are reported, with their place, when the tree is built.
        }

        return problems;
    }

    /// <summary>1-based line and column (in characters) of byte <paramref name="index"/>.</summary>
    private static (int Line, int Column) Locate(byte[] bytes, int start, int index)
    {
        var line = 1;
        var lineStart = start;
        for (var i = start; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = 1;
        for (var i = lineStart; i < index && i < bytes.Length; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
