namespace Consentry.Ledger.Stores;

/// <summary>
/// The default data folder shared by <c>consentry serve</c> and every <c>consentry ledger</c> command:
/// <c>$CONSENTRY_DATA</c>, else <c>$XDG_DATA_HOME/consentry</c>, else <c>~/.local/share/consentry</c>
/// (on Windows <c>%LOCALAPPDATA%\consentry</c>). The SQLite ledger is <c>ledger.db</c> in it.
/// </summary>
public static class LedgerPaths
{
    /// <summary>The environment variable that overrides the data folder (<see cref="Consentry.DataFolder.Variable"/>).</summary>
    public const string DataVariable = Consentry.DataFolder.Variable;

    /// <summary>The data folder (<see cref="Consentry.DataFolder.Path"/>).</summary>
    public static string DataFolder() => Consentry.DataFolder.Path();

    /// <summary>The default SQLite ledger file.</summary>
    public static string DefaultDatabase() => Path.Combine(DataFolder(), "ledger.db");

    /// <summary>The default checkpoint signing key of a SQLite ledger: <c>ledger.key</c> beside the database file.</summary>
    public static string DefaultSigningKey(string database) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "ledger.key");
}
