namespace Consentry.Server.Notices;

/// <summary>A rendered notice in one language: subject, plain text and HTML.</summary>
internal sealed record NoticeMessage(string Language, string Subject, string Text, string Html);
