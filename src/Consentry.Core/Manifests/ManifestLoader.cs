using Consentry.Diagnostics;
using Consentry.Manifests.Parsing;
using Consentry.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Consentry.Manifests;

/// <summary>Reads a manifest (<c>cookies.yaml</c>, or JSON) and validates it.</summary>
public static class ManifestLoader
{
    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    public static ManifestLoadResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length > ManifestGuard.MaxBytes)
            {
                // Refused before reading: a huge file is never loaded into memory.
                return new ManifestLoadResult(null, [new Diagnostic(Severity.Error, DiagnosticCodes.TooLarge, $"The file is {file.Length:N0} bytes; a manifest may be at most {ManifestGuard.MaxBytes:N0} bytes.", "Check that this is the manifest; list each cookie once (a name prefix such as 'ph_*' covers a family).", SourceLocation.StartOf(path))]);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = e is FileNotFoundException or DirectoryNotFoundException ? $"The manifest file '{path}' does not exist." : $"The manifest file '{path}' cannot be read: {e.Message}";
            return new ManifestLoadResult(null, [new Diagnostic(Severity.Error, DiagnosticCodes.Syntax, message, "Check the path, or create a manifest with 'consentry init'.", SourceLocation.StartOf(path))]);
        }

        var (text, error) = ManifestGuard.Decode(bytes, path);
        return text is null ? new ManifestLoadResult(null, [error!]) : Parse(text, path);
    }

    /// <summary>
    /// Reads and validates manifest text; <paramref name="path"/> names it in diagnostics and decides JSON by its
    /// ending (a <c>.json</c> manifest must be strict JSON). Limits: 1 MiB, 32 levels of nesting, one document.
    /// </summary>
    public static ManifestLoadResult Parse(string text, string path = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ManifestGuard.Check(text, path) is { Count: > 0 } refused)
        {
            return new ManifestLoadResult(null, refused);
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // JSON is read as YAML (of which it is nearly a subset) to keep line and column for every value.
            // A raw tab is only ever white space in valid JSON, but YAML refuses tabs as indentation.
            text = text.Replace('\t', ' ');
        }

        var ctx = new ParseContext(path, "en");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var at = new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column);
            var (message, code) = DescribeSyntaxError(e);
            return new ManifestLoadResult(null, [new Diagnostic(Severity.Error, code, message,
                code == DiagnosticCodes.DuplicateKey ? "Keep one of the two entries." : "Check indentation (spaces, not tabs), quotes and the ':' after each key near this spot.", at)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? SourceLocation.StartOf(path) : ctx.At(stream.Documents[0].RootNode);
            return new ManifestLoadResult(null, [new Diagnostic(Severity.Error, DiagnosticCodes.WrongType, "The manifest is empty or is not a mapping of keys.", "Start with 'consentry: 1' and a 'site:' section; 'consentry init' writes a starter manifest.", at)]);
        }

        var manifest = new ManifestParser(ctx).Parse(root);
        var diagnostics = ctx.Diagnostics;
        diagnostics.AddRange(ManifestValidator.Validate(manifest));
        var ordered = diagnostics.Distinct().OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
        return new ManifestLoadResult(manifest, ordered);
    }

    private static (string Message, string Code) DescribeSyntaxError(YamlException e)
    {
        var inner = e.InnerException?.Message;
        var message = e.Message;
        if ((inner ?? message).Contains("same key", StringComparison.OrdinalIgnoreCase) || (inner ?? message).Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
        {
            return ("A key appears twice in the same mapping.", DiagnosticCodes.DuplicateKey);
        }

        // YamlDotNet prefixes its messages with "(Line: l, Col: c, Idx: i) - (…): "; the location is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 3)..] : message;
        return ($"The file is not well-formed YAML: {text.TrimEnd('.')}.", DiagnosticCodes.Syntax);
    }
}
