namespace Consentry.Ledger.Stores;

/// <summary>The ledger's database cannot be reached or refused the write; nothing was stored. Retry later.</summary>
public sealed class LedgerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database's error.</summary>
    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
