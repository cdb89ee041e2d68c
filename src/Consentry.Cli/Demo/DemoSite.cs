namespace Consentry.Cli.Demo;

/// <summary>A reference site as the demo serves it: pages, footer links as its seed describes, and scripts gated behind consent.</summary>
internal sealed record DemoSite(string Id, string Tagline, IReadOnlyList<DemoPage> Pages, IReadOnlyList<(string Text, string Href, bool OpensSettings)> Footer, string GatedScripts);
