using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Notifications;

/// <summary>
/// POSTs the event's payload to the channel's URL with the Standard Webhooks headers; a 2xx answer within
/// <see cref="NotificationOptions.WebhookTimeout"/> delivers it. Redirects are not followed (the receiver's URL is configured, not discovered).
/// </summary>
internal sealed class WebhookSender(IOptions<ServerOptions> options, TimeProvider clock) : IChannelSender, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    public string Kind => ChannelKinds.Webhook;

    public async Task<SendOutcome> SendAsync(Channel channel, OutboxEvent e, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Notifications.WebhookTimeout;
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Target) { Content = new StringContent(e.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, e.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(channel.Secret, e.Id, timestamp, e.Payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Consentry", "1"));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var code = (int)response.StatusCode;
            return new SendOutcome(code is >= 200 and < 300, $"HTTP {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException x)
        {
            return new SendOutcome(false, x.HttpRequestError == HttpRequestError.Unknown ? x.Message : $"{x.HttpRequestError}: {x.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
