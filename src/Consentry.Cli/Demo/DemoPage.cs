namespace Consentry.Cli.Demo;

/// <summary>One page of a demo site: its path, title, body (our own trusted HTML) and the cookies it sets.</summary>
internal sealed record DemoPage(string Path, string Title, string Body, IReadOnlyList<DemoCookie> Cookies)
{
    public DemoPage(string path, string title, string body)
        : this(path, title, body, [])
    {
    }
}
