[assembly: AssemblyFixture(typeof(Consentry.Server.Tests.PostgresFixture))]

namespace Consentry.Server.Tests;

/// <summary>One real PostgreSQL server for the server's multi-instance tests; each test gets its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    internal PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
