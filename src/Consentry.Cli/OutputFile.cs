using System.Text;

namespace Consentry.Cli;

/// <summary>Writes command output to a file (creating its folder) or to standard output.</summary>
internal static class OutputFile
{
    public static void Write(string? path, string content, TextWriter stdout)
    {
        if (path is null or "-")
        {
            stdout.Write(content);
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Write beside the target and move into place, so a failure never leaves half a file.
        var temp = path + ".tmp";
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
