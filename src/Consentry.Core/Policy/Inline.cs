namespace Consentry.Policy;

/// <summary>A run of text in a policy document: plain, a link, or a name shown as code.</summary>
internal sealed record Inline(string Text, string? Href = null, bool Code = false)
{
    public static implicit operator Inline(string text) => new(text);
}
