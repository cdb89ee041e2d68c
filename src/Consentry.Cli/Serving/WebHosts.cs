using Microsoft.AspNetCore.Builder;

namespace Consentry.Cli.Serving;

/// <summary>How the CLI's web hosts (<c>serve</c>, <c>ledger witness</c>, the development inbox) are created.</summary>
internal static class WebHosts
{
    /// <summary>
    /// A builder with ASP.NET Core's defaults, except that <c>appsettings.json</c> is read once and not watched: the
    /// default watch covers the working folder and every folder below it, so a ledger kept there (as
    /// <c>scripts/run.sh</c> does) woke the watcher on every write (about a tenth of the receipt throughput, measured).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder() => WebApplication.CreateBuilder(Options);

    /// <summary>The same for a slim builder.</summary>
    public static WebApplicationBuilder CreateSlimBuilder() => WebApplication.CreateSlimBuilder(Options);

    private static WebApplicationOptions Options => new() { Args = ["--hostBuilder:reloadConfigOnChange=false"] };
}
