using System.CommandLine;
using System.Diagnostics;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

namespace Consentry.Cli.Commands;

/// <summary>
/// <c>consentry ledger publish</c>: appends each site's newest signed checkpoint to a folder (one file per tree size,
/// never rewritten), optionally committed to a git repository, which the database's administrators cannot rewrite
/// unseen; <c>verify --published</c> checks the log against them.
/// </summary>
internal static class LedgerPublishCommand
{
    public static Command Create()
    {
        var db = LedgerCommand.Db();
        var to = new Option<string>("--to") { Description = "The folder (or git working tree) to publish to: <site>/<size>.checkpoint, and <site>/latest.", Required = true };
        var site = new Option<string?>("--site") { Description = "Publish only this site. Default: every site with a signed checkpoint." };
        var git = new Option<bool>("--git") { Description = "Commit what was published (the folder becomes a git repository if it is not one)." };
        var command = new Command("publish", "Append each site's newest signed checkpoint to a folder or git repository outside the database; refuses one that is not consistent with what was published before. Exit code: 0 published, 1 a fork or a ledger error, 2 usage error.") { to, site, git, db };
        command.SetAction(LedgerCommand.Guarded(async (r, cancel) =>
        {
            await using var store = await LedgerCommand.OpenAsync(r, r.GetValue(db), cancel);
            var root = Path.GetFullPath(r.GetRequiredValue(to));
            var output = r.InvocationConfiguration.Output;
            var published = new List<string>();
            foreach (var s in r.GetValue(site) is { } only ? [only] : await store.SitesAsync(cancel))
            {
                if (await store.CheckpointAsync(s, cancellationToken: cancel) is not { } note)
                {
                    output.WriteLine($"{s}: no signed checkpoint yet (the ledger signs them when a key is configured).");
                    continue;
                }

                if (await PublishAsync(store, root, s, note, output, cancel) is { } problem)
                {
                    r.InvocationConfiguration.Error.WriteLine($"consentry: {problem}");
                    return ExitCodes.Failed;
                }

                published.Add($"{s}@{SignedCheckpoints.ReadUnverified(note).Size}");
            }

            return r.GetValue(git) && published.Count > 0 ? Commit(root, published, r.InvocationConfiguration.Error) : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Every checkpoint published in <paramref name="folder"/> for <paramref name="site"/>, by file.</summary>
    public static IEnumerable<(string File, string Note)> Published(string folder, string site)
    {
        var dir = Path.Combine(folder, site);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.checkpoint").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))) : [];
    }

    /// <summary>Adds to each site's result what its published checkpoints say about the log.</summary>
    public static async Task<IReadOnlyList<SiteVerification>> CheckAsync(IReceiptStore store, IReadOnlyList<SiteVerification> results, string folder, Func<string, string?> keys, CancellationToken cancel)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--published '{folder}' is not a folder. Fix: name the folder 'consentry ledger publish --to' wrote.");
        }

        var checkedResults = new List<SiteVerification>();
        foreach (var v in results)
        {
            var problems = v.Problems.ToList();
            foreach (var (file, note) in Published(folder, v.Site))
            {
                if (await PublishedCheckpoints.CheckAsync(store, v.Site, note, keys(v.Site), cancel) is { } problem)
                {
                    problems.Add(problem with { Detail = $"{problem.Detail} (published in {file})" });
                }
            }

            checkedResults.Add(v with { Problems = problems });
        }

        return checkedResults;
    }

    private static async Task<ChainProblem?> PublishAsync(IReceiptStore store, string root, string site, string note, TextWriter output, CancellationToken cancel)
    {
        foreach (var (file, earlier) in Published(root, site))
        {
            if (await PublishedCheckpoints.CheckAsync(store, site, earlier, null, cancel) is { } problem)
            {
                return problem with { Detail = $"{problem.Detail} (published in {file}); nothing was published" };
            }
        }

        var size = SignedCheckpoints.ReadUnverified(note).Size;
        var dir = Directory.CreateDirectory(Path.Combine(root, site)).FullName;
        var path = Path.Combine(dir, $"{size:D20}.checkpoint");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, note, cancel);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "latest"), note, cancel);
        output.WriteLine($"{site}: published the checkpoint of size {size} to {path}");
        return null;
    }

    private static int Commit(string root, IReadOnlyList<string> published, TextWriter error)
    {
        var steps = new List<string[]>();
        if (!Directory.Exists(Path.Combine(root, ".git")))
        {
            steps.Add(["init", "-q"]);
        }

        steps.Add(["add", "-A"]);
        steps.Add(["-c", "user.name=consentry", "-c", "user.email=consentry@localhost", "commit", "-q", "--allow-empty", "-m", "consentry ledger publish: " + string.Join(", ", published)]);
        foreach (var args in steps)
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            try
            {
                using var git = Process.Start(info)!;
                var stderr = git.StandardError.ReadToEnd();
                git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                if (git.ExitCode != 0)
                {
                    error.WriteLine($"consentry: git {args[^1]} failed in {root}: {stderr.Trim()}");
                    return ExitCodes.Failed;
                }
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                error.WriteLine($"consentry: git cannot be run ({e.Message}); the checkpoints were written to {root} but not committed. Fix: install git, or publish without --git.");
                return ExitCodes.Failed;
            }
        }

        return ExitCodes.Ok;
    }
}
