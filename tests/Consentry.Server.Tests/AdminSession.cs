using System.Net;
using System.Text.RegularExpressions;

namespace Consentry.Server.Tests;

/// <summary>A browser-like session of the admin UI over plain HTTP: keeps the cookies the server sets and posts forms with the page's antiforgery token.</summary>
internal sealed partial class AdminSession(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>The same session (its cookies) against another server, as one browser would reach a second instance behind a load balancer.</summary>
    public AdminSession On(HttpClient other)
    {
        var session = new AdminSession(other);
        foreach (var (name, value) in _cookies)
        {
            session._cookies[name] = value;
        }

        return session;
    }

    /// <summary>Every Set-Cookie line the server sent, in order.</summary>
    public List<string> SetCookies { get; } = [];

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/admin/login", new() { ["email"] = email, ["password"] = password });

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Loads the form's page for its token (unless <paramref name="withToken"/> is false), then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, bool withToken = true, string? pagePath = null)
    {
        if (withToken)
        {
            var (_, page) = await GetAsync(pagePath ?? path.Split('?')[0]);
            fields["__RequestVerificationToken"] = Token().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"{path} has no antiforgery token.");
        }

        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>Posts a form whose success answer is a redirect (Post/Redirect/Get), and loads the page it points to.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostFormAndFollowAsync(string path, Dictionary<string, string> fields, string pagePath)
    {
        using var response = await PostFormAsync(path, fields, pagePath: pagePath);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to
            ? await GetAsync(to.ToString())
            : (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A GET whose response (headers and all) the caller reads and disposes.</summary>
    public Task<HttpResponseMessage> SendGetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<HttpResponseMessage> PostMultipartAsync(string path, MultipartFormDataContent content)
    {
        var (_, page) = await GetAsync(path.Split('?')[0]);
        content.Add(new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken");
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        foreach (var line in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookies.Add(line);
            var pair = line.Split(';')[0].Split('=', 2);
            if (pair.Length == 2)
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        request.Dispose();
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
