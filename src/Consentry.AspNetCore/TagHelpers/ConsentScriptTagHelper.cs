using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Consentry.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;script consent="analytics" [consent-service="posthog"] src="…"&gt;</c>: the script runs only once the
/// visitor grants the category (and service). It is written as <c>type="text/plain"</c> with
/// <c>data-consent</c>, which the banner activates; the browser does not even request it before.
/// </summary>
[HtmlTargetElement("script", Attributes = "consent")]
public sealed class ConsentScriptTagHelper : TagHelper
{
    /// <summary>The category id the script needs, e.g. <c>analytics</c>.</summary>
    public string Consent { get; set; } = "";

    /// <summary>The service (provider id) the script belongs to, if the visitor may choose per service.</summary>
    [HtmlAttributeName("consent-service")]
    public string? ConsentService { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(Consent))
        {
            throw new InvalidOperationException("<script consent=\"…\"> needs a category id, e.g. consent=\"analytics\".");
        }

        if (output.Attributes.TryGetAttribute("type", out var type) && type.Value?.ToString() is { Length: > 0 } original && original != "text/plain")
        {
            output.Attributes.SetAttribute("data-type", original);
        }

        output.Attributes.SetAttribute("type", "text/plain");
        output.Attributes.SetAttribute("data-consent", Consent);
        if (!string.IsNullOrWhiteSpace(ConsentService))
        {
            output.Attributes.SetAttribute("data-service", ConsentService);
        }
    }
}
