namespace Consentry.Server.Sites;

/// <summary>A run of policy text in a redline: kept, deleted (struck through) or inserted (underlined).</summary>
/// <param name="Kind"><c>same</c>, <c>deleted</c> or <c>inserted</c>.</param>
/// <param name="Text">The text, line breaks included.</param>
internal sealed record RedlineSegment(string Kind, string Text);
