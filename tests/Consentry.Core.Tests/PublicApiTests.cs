using Consentry.Manifests;

namespace Consentry.Core.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheApprovedList() => PublicApi.AssertApproved(typeof(CookieManifest).Assembly, "Consentry.Core.Tests");
}
