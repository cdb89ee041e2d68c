namespace Consentry;

/// <summary>
/// The folder Consentry keeps its data in, shared by every command and host: <c>$CONSENTRY_DATA</c>, else
/// <c>$XDG_DATA_HOME/consentry</c>, else <c>~/.local/share/consentry</c> (on Windows <c>%LOCALAPPDATA%\consentry</c>).
/// The ledger (<c>ledger.db</c>) and the cookie-database cache live there.
/// </summary>
public static class DataFolder
{
    /// <summary>The environment variable that overrides the folder.</summary>
    public const string Variable = "CONSENTRY_DATA";

    /// <summary>The folder (not created here).</summary>
    public static string Path()
    {
        var explicitFolder = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return explicitFolder;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return System.IO.Path.Combine(root, "consentry");
    }
}
