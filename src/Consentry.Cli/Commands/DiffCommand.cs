using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Consentry.Revisions;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry diff</c>: classifies the changes between two manifests.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldPath = new Argument<string>("old") { Description = "The previous manifest." };
        var newPath = new Argument<string>("new") { Description = "The new manifest." };
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff",
            "List changes between two manifests, each material or editorial, and say whether renewed consent is required. " +
            "Exit code: 0 compared, 1 a manifest has errors or material changes lack a new material 'history' entry, 2 usage error.")
        {
            oldPath,
            newPath,
            format,
        };
        command.SetAction(result =>
        {
            var err = result.InvocationConfiguration.Error;
            var o = ManifestReporter.LoadValid(result.GetRequiredValue(oldPath), err);
            var n = ManifestReporter.LoadValid(result.GetRequiredValue(newPath), err);
            if (o is null || n is null)
            {
                return ExitCodes.Failed;
            }

            var diff = ManifestComparer.Compare(o, n);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(format) == "json")
            {
                WriteJson(diff, output);
            }
            else
            {
                WriteText(diff, output);
            }

            if (diff.RevisionNotMoved)
            {
                err.WriteLine($"{n.Path}: error: material changes, but the revision is still {n.Revision}. Fix: add a 'history' entry with today's date and 'material: true' describing them.");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(ManifestDiff d, TextWriter w)
    {
        if (d.Changes.Count == 0)
        {
            w.WriteLine("No changes.");
        }

        foreach (var c in d.Changes)
        {
            w.WriteLine(c.ToString());
        }

        var material = d.Changes.Count(c => c.Kind == ChangeKind.Material);
        w.WriteLine();
        w.WriteLine($"{material} material, {d.Changes.Count - material} editorial.");
        w.WriteLine(d.RequiresRenewedConsent ? "Renewed consent: required (a new or widened non-essential purpose); the banner asks again." : "Renewed consent: not required.");
        w.WriteLine($"Banner: {(d.OldBannerRequired ? "shown" : "not shown")} before, {(d.NewBannerRequired ? "shown" : "not shown")} after.");
        var updated = d.NewLastUpdated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
        w.WriteLine($"Revision: {d.OldRevision} -> {d.NewRevision} (last updated {updated}).");
    }

    private static void WriteJson(ManifestDiff d, TextWriter output)
    {
        var doc = new
        {
            schema = "consentry-diff/1",
            oldRevision = d.OldRevision,
            newRevision = d.NewRevision,
            newLastUpdated = d.NewLastUpdated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            material = d.HasMaterialChanges,
            requiresRenewedConsent = d.RequiresRenewedConsent,
            revisionNotMoved = d.RevisionNotMoved,
            bannerBefore = d.OldBannerRequired,
            bannerAfter = d.NewBannerRequired,
            changes = d.Changes.Select(c => new { kind = c.Kind == ChangeKind.Material ? "material" : "editorial", subject = c.Subject, description = c.Description, requiresConsent = c.RequiresConsent }),
        };
        output.WriteLine(JsonSerializer.Serialize(doc, JsonOptions.Indented));
    }
}
