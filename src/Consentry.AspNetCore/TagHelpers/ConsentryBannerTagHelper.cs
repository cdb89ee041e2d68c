using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;consentry-banner /&gt;</c> (add <c>@addTagHelper *, Consentry.AspNetCore</c>): writes the tags
/// <c>ConsentrySite.ScriptTag("", request)</c> gives, with the page's CSP nonce when given: the visitor's banner
/// configuration inline (so the banner shows without a second request), with <c>consent.blocking: providers</c> the
/// blocker's synchronous tag, and the banner: for a visitor who has not chosen, its style and code inside the page
/// (<see cref="ConsentryOptions.InlineBannerBeforeChoice"/>); otherwise a preload hint for its stylesheet and its
/// synchronous script tag with the Subresource Integrity hash (served by the page's own host, it runs before the
/// browser's first frame). Google Consent Mode defaults when the manifest enables them. Place it in
/// <c>&lt;head&gt;</c>, before any other script and any tag manager.
/// </summary>
[HtmlTargetElement("consentry-banner", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentryBannerTagHelper : TagHelper
{
    /// <summary>The CSP nonce of the page, copied to scripts the banner activates. Default: none.</summary>
    public string? Nonce { get; set; }

    /// <summary>Set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var http = ViewContext?.HttpContext ?? throw new InvalidOperationException("<consentry-banner> needs a view context.");
        var site = http.RequestServices.GetRequiredService<ConsentrySites>().Resolve(http)
            ?? throw new InvalidOperationException("<consentry-banner> is on a page that belongs to no Consentry site.");
        // The tags are BannerTags' (the same as ConsentrySite.ScriptTag("", request) gives), with the page's nonce.
        output.TagName = null;
        var baseUrl = System.Net.WebUtility.HtmlEncode(http.Request.PathBase.Add(site.PathBase).Value ?? "");
        output.Content.SetHtmlContent(BannerTags.ForPage(site, http, baseUrl, Nonce, ownHost: true));
    }
}
