namespace Consentry.Scanner;

/// <summary>The scan could not run at all (no browser, unreachable start page); the message says why and how to fix it.</summary>
public sealed class ScanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScanException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ScanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ScanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
