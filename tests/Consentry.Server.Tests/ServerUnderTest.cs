using System.Net;
using System.Net.Http.Json;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Server.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.Server.Tests;

/// <summary>
/// A real Consentry server on a free loopback port over its own SQLite file in a scratch folder, serving the four
/// reference sites from a copy of examples/ (the watched folder), with an admin and an auditor account.
/// </summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AuditorEmail = "auditor@example.com";
    public const string Password = "correct horse battery staple";

    private readonly WebApplication _app;

    private ServerUnderTest(WebApplication app, string folder, ServerOptions options)
    {
        _app = app;
        Folder = folder;
        Options = options;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address };
    }

    public Uri Address { get; }

    /// <summary>What the server logged.</summary>
    public LogSink Logs { get; private init; } = new();

    public HttpClient Client { get; }

    public string Folder { get; }

    public ServerOptions Options { get; }

    public string Manifests => Path.Combine(Folder, "sites");

    public string Database => Options.Database!;

    public IServiceProvider Services => _app.Services;

    public IReceiptStore Store => Services.GetRequiredService<IReceiptStore>();

    public static async Task<ServerUnderTest> StartAsync(Action<ServerOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"consentry-server-test-{Guid.NewGuid():N}");
        foreach (var site in new[] { "casemgmt", "claimcmr", "clinixai", "connectwyze" })
        {
            Directory.CreateDirectory(Path.Combine(folder, "sites", site));
            File.Copy(RepoPaths.Example(site), Path.Combine(folder, "sites", site, "cookies.yaml"));
        }

        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(folder, "ledger.db"), Manifests = Path.Combine(folder, "sites"), VerifyEvery = TimeSpan.Zero };
        configure?.Invoke(options);
        var ct = TestContext.Current.CancellationToken;
        Assert.Null((await ConsentryServer.AddAccountAsync(options, AdminEmail, Roles.Admin, Password, ct)).Problem);
        Assert.Null((await ConsentryServer.AddAccountAsync(options, AuditorEmail, Roles.Auditor, Password, ct)).Problem);
        var logs = new LogSink();
        var app = ConsentryServer.Build(options, b => b.Logging.ClearProviders().AddProvider(logs));
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            // A server that refuses to start (as some tests expect) leaves nothing behind.
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new ServerUnderTest(app, folder, options) { Logs = logs };
    }

    /// <summary>An API key made as an admin would (its token shown once).</summary>
    public async Task<string> KeyAsync(string access, params string[] sites)
    {
        var (_, token, problem) = await Services.GetRequiredService<ApiKeyService>().CreateAsync("test", sites, access, AdminEmail, TestContext.Current.CancellationToken);
        Assert.Null(problem);
        return token!;
    }

    /// <summary>A GET or other request with an API key.</summary>
    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Receipts written straight into the ledger, as the receipt endpoint would.</summary>
    public Task AppendAsync(params ConsentReceipt[] receipts) =>
        Store.AppendAsync([.. receipts.Select(SerializedReceipt.From)], TestContext.Current.CancellationToken);

    public static ConsentReceipt Receipt(int i, string site, string method, DateTimeOffset time, string language = "en", bool analytics = true) => new()
    {
        Site = site,
        ConsentId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        ReceiptId = (i + 1_000_000).ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        Revision = 1,
        PolicyHash = new string('a', 64),
        Categories = new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = analytics },
        Services = new Dictionary<string, bool> { ["posthog"] = analytics },
        Method = method,
        Language = language,
        PageUrl = $"https://{site}.com/",
        UserAgentFamily = "Firefox",
        ServerTime = time,
    };

    public async Task<AdminSession> SignInAsync(string email = AdminEmail, string password = Password)
    {
        var session = new AdminSession(Client);
        var response = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeWithoutCleanupAsync();
        DeleteFolder();
    }

    /// <summary>Stops the server (graceful shutdown: requests in flight finish, the receipt queue drains) and keeps its folder.</summary>
    public async Task DisposeWithoutCleanupAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
