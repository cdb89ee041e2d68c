using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Consentry.AspNetCore;

/// <summary>When region headers are configured, records each request's <see cref="PeerAddress"/> first in the pipeline, before the host's middleware.</summary>
internal sealed class PeerAddressStartupFilter(IOptions<ConsentryOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.RegionHeaders is not null)
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Features.Set(new PeerAddress(context.Connection.RemoteIpAddress));
                return nextMiddleware(context);
            });
        }

        next(app);
    };
}
