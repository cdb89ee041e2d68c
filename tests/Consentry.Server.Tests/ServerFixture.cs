[assembly: AssemblyFixture(typeof(Consentry.Server.Tests.ServerFixture))]

namespace Consentry.Server.Tests;

/// <summary>One server shared by the tests that only add to it (sites of their own, receipts on their own days); tests that need a pristine server start their own.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerUnderTest? _server;

    internal ServerUnderTest Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await ServerUnderTest.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
