namespace Consentry.Cli;

/// <summary>A command-line mistake found after parsing (e.g. an unsupported language); exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
