using Consentry.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Consentry.Manifests.Parsing;

/// <summary>The file being read and the diagnostics found so far.</summary>
internal sealed class ParseContext(string file, string language)
{
    public string File { get; } = file;

    /// <summary>The manifest's own language, for texts written as one string.</summary>
    public string Language { get; set; } = language;

    /// <summary>Every language the site's pages are in: its own first, then 'site.languages'.</summary>
    public IReadOnlyList<string> SiteLanguages { get; set; } = [language];

    public List<Diagnostic> Diagnostics { get; } = [];

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(string code, YamlNode node, string message, string fix) =>
        Diagnostics.Add(new Diagnostic(Severity.Error, code, message, fix, At(node)));

    public void Warn(string code, YamlNode node, string message, string fix) =>
        Diagnostics.Add(new Diagnostic(Severity.Warning, code, message, fix, At(node)));
}
