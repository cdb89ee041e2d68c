using System.CommandLine;
using Consentry.Manifests;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry schema</c>: prints the manifest's JSON Schema.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("schema", "Print the JSON Schema of cookies.yaml, for editor completion and checks (e.g. '# yaml-language-server: $schema=cookies.schema.json').")
        {
            output,
        };
        command.SetAction(result =>
        {
            OutputFile.Write(result.GetValue(output), ManifestSchema.Text, result.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
