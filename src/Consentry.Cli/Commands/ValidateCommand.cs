using System.CommandLine;
using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry validate</c>: checks manifests and prints every problem with file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var manifests = new Argument<string[]>("manifest")
        {
            Description = "One or more manifest files (cookies.yaml, or .json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit 1 on any warning)." };
        var command = new Command("validate", "Check manifests. Exit code: 0 valid, 1 errors (or warnings with --strict), 2 usage error.")
        {
            manifests,
            strict,
        };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var failed = false;
            foreach (var path in result.GetRequiredValue(manifests))
            {
                var loaded = ManifestLoader.Load(path);
                ManifestReporter.Print(loaded, output);
                var bad = loaded.HasErrors || (result.GetValue(strict) && loaded.Diagnostics.Any(d => d.Severity == Severity.Warning));
                failed |= bad;
                output.WriteLine($"{path}: {(bad ? "invalid" : "valid")} ({ManifestReporter.Count(loaded.Diagnostics)})");
            }

            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
