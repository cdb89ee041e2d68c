using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>Makes the visit's choice on the first page: known banners' buttons first, then autoconsent's rules for the long tail.</summary>
internal static class BannerOperator
{
    public static async Task<(bool Operated, string Note)> OperateAsync(IPage page, VisitKind kind, CancellationToken cancellationToken)
    {
        foreach (var (platform, reject, accept) in BannerButtons.Known)
        {
            var button = page.Locator(kind == VisitKind.RejectAll ? reject : accept).First;
            var wait = TimeSpan.FromMilliseconds(platform == "Consentry" ? 3000 : 300);
            if (await PageCalls.TryAsync(button.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)wait.TotalMilliseconds }), cancellationToken, wait + PageCalls.Limit)
                && await PageCalls.TryAsync(button.ClickAsync(), cancellationToken, PageCalls.Limit * 2))
            {
                return (true, $"{platform} banner: clicked \"{(kind == VisitKind.RejectAll ? "reject all" : "accept all")}\"");
            }
        }

        // The long tail: autoconsent's rules for some 800 banner platforms.
        var (operated, note) = await Autoconsent.OperateAsync(page, kind, start: TimeSpan.FromSeconds(15), detect: TimeSpan.FromSeconds(6), finish: TimeSpan.FromSeconds(10), cancellationToken);
        return operated
            ? (true, note)
            : (false, "no consent banner could be operated on the first page (no known Reject all / Accept all button, and autoconsent found none" + (note.Length > 0 ? $"; {note}" : "") + ")");
    }
}
