using Microsoft.Extensions.DependencyInjection;

namespace Consentry.Server.Tests;

/// <summary>The material revisions under docs/demo (ClaimCMR's and casemgmt's revision 2), published as the site's next revision.</summary>
internal static class DemoRevision
{
    public static string Yaml(string site) => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "demo", $"{site}-revision-2.yaml"));

    /// <summary>Publishes docs/demo/&lt;site&gt;-revision-2.yaml; returns the server's revision number.</summary>
    public static async Task<int> PublishAsync(ServerUnderTest server, string site)
    {
        var ct = TestContext.Current.CancellationToken;
        var catalog = server.Services.GetRequiredService<Sites.SiteCatalog>();
        await catalog.RefreshAsync(ct);
        var result = await catalog.PublishAsync(site, "cookies.yaml", Yaml(site), ServerUnderTest.AdminEmail, ct);
        Assert.True(result.Revision is { Material: true }, string.Join("\n", result.Errors));
        return result.Revision!.Number;
    }
}
