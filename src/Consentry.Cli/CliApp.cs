using System.CommandLine;
using System.CommandLine.Parsing;
using Consentry.Cli.Commands;

namespace Consentry.Cli;

/// <summary>The <c>consentry</c> command line: builds the command tree and runs it with the given writers.</summary>
internal static class CliApp
{
    public static RootCommand Build() =>
    [
        ValidateCommand.Create(),
        RenderCommand.Create(),
        DiffCommand.Create(),
        InitCommand.Create(),
        SchemaCommand.Create(),
        ServeCommand.Create(),
        ServerCommand.Create(),
        LedgerCommand.Create(),
        ScanCommand.Create(),
        CookieDbCommand.Create(),
        InboxCommand.Create(),
    ];

    /// <summary>How long a command has after Ctrl+C or SIGTERM to stop cleanly (a scan closes its browsers and removes their profiles).</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build();
        root.Description = "Consentry: declare your cookies once in cookies.yaml, then validate the manifest, render the cookie policy, classify changes between revisions, serve the consent banner, run the organisation's Consentry server, keep and check the proof-of-consent ledger, and scan what a site really stores.";
        var result = root.Parse(args);
        // An argument that looks like an option is a mistyped option, not a file name.
        // (A value right after an option, such as a Chromium flag for --browser-arg, is that option's value.)
        var tokens = result.Tokens;
        var unknownOptions = tokens.Where((t, i) => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2
                && (i == 0 || tokens[i - 1].Type != TokenType.Option))
            .Select(t => $"Unrecognized option '{t.Value}'.");
        var errors = result.Errors.Select(e => e.Message).Concat(unknownOptions).Distinct().ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine($"consentry: {error}");
            }

            var command = string.Join(' ', result.CommandResult.Command == root ? [] : new[] { result.CommandResult.Command.Name });
            stderr.WriteLine($"Run 'consentry {command}{(command.Length > 0 ? " " : "")}--help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TerminationGrace }).GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"consentry: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"consentry: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"consentry: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
