namespace Consentry.Tests;

/// <summary>Finds the repository's folders from the test binaries (shared by every test project as a linked file).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Example(string site) => Path.Combine(Root, "examples", site, "cookies.yaml");

    /// <summary>
    /// The team's shared folder (seeds, test data such as the Open Cookie Database copy), which lives beside
    /// the repository and is never committed into it: <c>$CONSENTRY_SHARED</c>, else <c>../shared</c> from the
    /// repository, else <c>/work/shared</c> (where a scratch clone elsewhere still finds it).
    /// </summary>
    public static string Shared { get; } = new[]
    {
        Environment.GetEnvironmentVariable("CONSENTRY_SHARED"),
        Path.GetFullPath(Path.Combine(Root, "..", "shared")),
        "/work/shared",
    }.FirstOrDefault(d => !string.IsNullOrEmpty(d) && Directory.Exists(d)) ?? Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The copy of the Open Cookie Database for tests, served on loopback or imported; fails clearly when absent.</summary>
    public static string OpenCookieDatabaseCopy
    {
        get
        {
            var path = Path.Combine(Shared, "data", "open-cookie-database", "open-cookie-database.csv");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The test copy of the Open Cookie Database is missing at {path}. Set CONSENTRY_SHARED to the team's shared folder.");
        }
    }

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
