using System.CommandLine;
using System.Text.Json;

namespace Consentry.Cli.Tests;

public sealed class SchemaAndHelpTests
{
    [Fact]
    public void SchemaCommandPrintsTheJsonSchema()
    {
        var run = CliRun.Of("schema");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", doc.RootElement.GetProperty("$schema").GetString());
        Assert.True(doc.RootElement.GetProperty("$defs").TryGetProperty("item", out _));
    }

    [Fact]
    public void EveryCommandOptionAndArgumentIsDescribed()
    {
        var root = CliApp.Build();
        var missing = new List<string>();
        void Check(Command command, string path)
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(path);
            }

            missing.AddRange(command.Options.Where(o => o.Name is not "--help" and not "-h" && string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{path} <{a.Name}>"));
            foreach (var sub in command.Subcommands)
            {
                Check(sub, path + " " + sub.Name);
            }
        }

        foreach (var command in root.Subcommands)
        {
            Check(command, command.Name);
        }

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("validate", "--strict")]
    [InlineData("render", "--lang")]
    [InlineData("diff", "--format")]
    [InlineData("init", "--analytics")]
    [InlineData("schema", "--output")]
    [InlineData("serve", "--demo")]
    [InlineData("ledger", "verify")]
    [InlineData("scan", "--fail-on")]
    public void HelpShowsEachCommandsOptions(string command, string option)
    {
        var run = CliRun.Of(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(option, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RootHelpListsEveryCommand()
    {
        var run = CliRun.Of("--help");
        foreach (var name in new[] { "validate", "render", "diff", "init", "schema", "serve", "ledger", "scan" })
        {
            Assert.Contains(name, run.Out, StringComparison.Ordinal);
        }
    }
}
