using System.CommandLine;
using Consentry.Policy;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry render</c>: the cookie policy from a manifest.</summary>
internal static class RenderCommand
{
    private static readonly Dictionary<string, PolicyFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["html"] = PolicyFormat.Html,
        ["html-fragment"] = PolicyFormat.HtmlFragment,
        ["md"] = PolicyFormat.Markdown,
        ["text"] = PolicyFormat.Text,
        ["json"] = PolicyFormat.Json,
    };

    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest file (cookies.yaml)." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "html (standalone accessible page), html-fragment (to embed), md, text or json (schema: docs/policy-json.md).",
            DefaultValueFactory = _ => "html",
        };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var language = new Option<string?>("--lang", "-l")
        {
            Description = $"Language of the built-in text: {string.Join(", ", PolicyRenderer.Languages)}. Default: the manifest's 'site.language'. Manifest texts given per language follow it.",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output (folders are created)." };
        var command = new Command("render", "Render the cookie policy. Exit code: 0 written, 1 manifest has errors, 2 usage error.")
        {
            manifest,
            format,
            language,
            output,
        };
        command.SetAction(result =>
        {
            var lang = result.GetValue(language);
            if (lang is not null && !PolicyRenderer.Languages.Contains(lang.Split('-')[0], StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"--lang '{lang}' has no built-in policy text. Use one of: {string.Join(", ", PolicyRenderer.Languages)}.");
            }

            var loaded = ManifestReporter.LoadValid(result.GetRequiredValue(manifest), result.InvocationConfiguration.Error);
            if (loaded is null)
            {
                return ExitCodes.Failed;
            }

            var text = PolicyRenderer.Render(loaded, Formats[result.GetRequiredValue(format)], lang);
            OutputFile.Write(result.GetValue(output), text, result.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
