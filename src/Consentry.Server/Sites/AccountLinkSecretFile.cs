using System.Security.Cryptography;
using System.Text;

namespace Consentry.Server.Sites;

/// <summary>
/// The file the account-link secret is kept in when none is configured: <c>account-link.secret</c> beside the SQLite
/// database, made on first start with 48 random bytes (base64), readable by its owner only.
/// </summary>
internal static class AccountLinkSecretFile
{
    public const string DefaultName = "account-link.secret";

    /// <summary>The default file for a SQLite database.</summary>
    public static string For(string database) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, DefaultName);

    /// <summary>The secret in <paramref name="path"/>; when <paramref name="create"/> and there is no such file, a new one is made there first.</summary>
    /// <exception cref="InvalidOperationException">The file is missing (and not to be made), unreadable or too short; the message says how to fix it.</exception>
    public static string Read(string path, bool create)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (!File.Exists(full) && create)
            {
                TryCreate(full);
            }

            var secret = File.ReadAllText(full).Trim();
            return Encoding.UTF8.GetByteCount(secret) >= Ledger.Receipts.AccountKeys.MinSecretBytes
                ? secret
                : throw new InvalidOperationException($"The account-link secret in {full} is shorter than {Ledger.Receipts.AccountKeys.MinSecretBytes} bytes. Fix: put a long random value in it (e.g. 'openssl rand -base64 48').");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The account-link secret file {full} cannot be read or made: {e.Message} Fix: check the path (AccountLinkSecretFile) and its permissions.", e);
        }
    }

    /// <summary>Writes a new secret unless another process made the file first (then its secret is the one).</summary>
    private static void TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) + "\n");
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by another instance a moment ago: read.
        }
    }
}
