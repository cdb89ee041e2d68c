namespace Consentry.Ledger.Stores;

/// <summary>
/// The default data folder shared by <c>consentry serve</c> and every <c>consentry ledger</c> command:
/// <c>$CONSENTRY_DATA</c>, else <c>$XDG_DATA_HOME/consentry</c>, else <c>~/.local/share/consentry</c>
/// (on Windows <c>%LOCALAPPDATA%\consentry</c>). The SQLite ledger is <c>ledger.db</c> in it.
/// </summary>
public static class LedgerPaths
{
    /// <summary>The environment variable that overrides the data folder.</summary>
    public const string DataVariable = "CONSENTRY_DATA";

    /// <summary>The data folder.</summary>
    public static string DataFolder()
    {
        var explicitFolder = Environment.GetEnvironmentVariable(DataVariable);
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return explicitFolder;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(root, "consentry");
    }

    /// <summary>The default SQLite ledger file.</summary>
    public static string DefaultDatabase() => Path.Combine(DataFolder(), "ledger.db");
}
