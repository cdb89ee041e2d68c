namespace Consentry.Tests;

/// <summary>Finds the repository's folders from the test binaries (shared by every test project as a linked file).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Example(string site) => Path.Combine(Root, "examples", site, "cookies.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Consentry.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Consentry.slnx not found above " + AppContext.BaseDirectory);
    }
}
