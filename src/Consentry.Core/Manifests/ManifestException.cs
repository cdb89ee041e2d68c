using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>Thrown when an invalid manifest is used where a valid one is needed; the message lists every error.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception from the manifest's errors.</summary>
    public ManifestException(IReadOnlyList<Diagnostic> errors)
        : base("The cookie manifest is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ManifestException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ManifestException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The errors.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }
}
