namespace Consentry.Policy;

/// <summary>The formats a policy renders to.</summary>
public enum PolicyFormat
{
    /// <summary>A standalone, accessible HTML page (<c>html</c>).</summary>
    Html,
    /// <summary>An HTML fragment to embed in an existing page (<c>html-fragment</c>); headings start at h2.</summary>
    HtmlFragment,
    /// <summary>CommonMark with pipe tables (<c>md</c>).</summary>
    Markdown,
    /// <summary>Plain text (<c>text</c>).</summary>
    Text,
    /// <summary>JSON in the documented <c>consentry-policy/1</c> schema (<c>json</c>); see docs/policy-json.md.</summary>
    Json,
}
