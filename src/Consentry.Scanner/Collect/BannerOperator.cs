using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Makes the visit's choice on the first page. Every wait is on an event of the page: the scanner's known banner
/// buttons (Consentry's and common platforms', open shadow roots included) are awaited until one is visible; when the
/// page's DOM has settled without one, its frames are looked into, and autoconsent's rules for the long tail (in every
/// frame, detecting only) look while the known buttons are still awaited; the first to answer wins, and autoconsent
/// matching nothing twice on a page that then stays still ends the wait. A known button is clicked once Playwright finds it
/// visible, stable, enabled and receiving events, and the click counts only when the button is then gone; a button
/// on screen that could not be operated is a problem naming it, the step and the reason, never "no banner".
/// </summary>
internal static class BannerOperator
{
    /// <summary>How long a known banner button may take to appear (generous: only a page without one waits it out, and autoconsent ends that wait).</summary>
    private static readonly TimeSpan Appear = TimeSpan.FromSeconds(20);

    /// <summary>The DOM has settled when it has not changed for this long…</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>…or, on a page that never stops changing, after this long.</summary>
    private static readonly TimeSpan SettleAtMost = TimeSpan.FromSeconds(8);

    /// <summary>How long a click on a visible button may take: Chromium waits for it to be stable and reachable, which on a machine
    /// with every core busy took over 10 s (a missed choice visit); only a button that can never be clicked waits it out.</summary>
    private static readonly TimeSpan ClickStep = TimeSpan.FromSeconds(30);

    /// <summary>How long the button may take to leave the screen after the click.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    public static async Task<BannerOutcome> OperateAsync(IPage page, VisitKind kind, CancellationToken cancellationToken) =>
        await WaitForBannerAsync(page, kind, cancellationToken) ?? await ClickAsync(page, kind, cancellationToken);

    /// <summary>Null when a known button is on screen (to be clicked); else what autoconsent made of the page, or that no banner appeared.</summary>
    private static async Task<BannerOutcome?> WaitForBannerAsync(IPage page, VisitKind kind, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var visible = PageCalls.TryAsync(AnyOf(Buttons(page.MainFrame, kind)).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = Ms(Appear) }), stop.Token, Appear + PageCalls.Limit);
        var settled = PageCalls.TryAsync(page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = Settle.TotalMilliseconds, max = SettleAtMost.TotalMilliseconds }), stop.Token, SettleAtMost + PageCalls.Limit);
        await Task.WhenAny(visible, settled);

        // Settled without a known button in the page: one in a frame (drawn by now) is clicked as it is. Only then does
        // autoconsent run (its looks cost the page's main thread, which a known banner's click must not compete with).
        if (await AppearedAsync(visible) || (await VisibleAsync(page, kind, cancellationToken)).Button is not null)
        {
            await stop.CancelAsync();
            return null;
        }

        await using var auto = await Autoconsent.StartAsync(page, stop.Token);
        var detection = auto.DetectAsync(start: TimeSpan.FromSeconds(15), detect: TimeSpan.FromSeconds(6), stop.Token);
        try
        {
            await Task.WhenAny(visible, detection);
            if (await AppearedAsync(visible))
            {
                return null;
            }

            var (cmp, why) = await detection;
            if ((await VisibleAsync(page, kind, cancellationToken)).Button is not null)
            {
                return null;
            }

            if (cmp is null)
            {
                return BannerOutcome.NotOperated("no consent banner could be operated on the first page (no known Reject all / Accept all button appeared, and autoconsent found none" + (why.Length > 0 ? $"; {why}" : "") + ")");
            }

            var (operated, note) = await auto.OperateAsync(kind, finish: TimeSpan.FromSeconds(10), cancellationToken);
            return new BannerOutcome(operated, note, operated ? null : note);
        }
        finally
        {
            // The waits still running are given up, and autoconsent's detection ended, before its binding is removed.
            await stop.CancelAsync();
            await PageCalls.TryAsync(detection, CancellationToken.None);
        }
    }

    private static async Task<bool> AppearedAsync(Task<bool> visible) => visible.IsCompleted && await visible;

    /// <summary>Clicks the visible known button (twice at most) and waits for it to leave the screen.</summary>
    private static async Task<BannerOutcome> ClickAsync(IPage page, VisitKind kind, CancellationToken cancellationToken)
    {
        var choice = kind == VisitKind.RejectAll ? "Reject all" : "Accept all";
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (platform, button) = await VisibleAsync(page, kind, cancellationToken);
            if (button is null)
            {
                // Gone between finding and clicking: a banner that closed by itself, or a navigation. Look once more.
                problem ??= $"the {choice} button left the screen before it could be clicked";
                continue;
            }

            var (_, _, text) = await PageCalls.TryAsync(button.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2000 }), cancellationToken);
            var label = string.IsNullOrWhiteSpace(text) ? choice : text.Trim();
            if (await PageCalls.ReasonAsync(button.ClickAsync(new LocatorClickOptions { Timeout = Ms(ClickStep) }), cancellationToken, ClickStep + PageCalls.Limit) is { } failed)
            {
                problem = $"{platform} banner: the \"{label}\" button was on screen, but clicking it failed ({failed})";
                continue;
            }

            if (await PageCalls.ReasonAsync(button.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = Ms(Step) }), cancellationToken, Step + PageCalls.Limit) is { } stayed)
            {
                problem = $"{platform} banner: the \"{label}\" button was clicked, but it was still on screen afterwards ({stayed})";
                continue;
            }

            return new BannerOutcome(true, $"{platform} banner: clicked \"{label}\"");
        }

        return new BannerOutcome(false, problem!, problem);
    }

    /// <summary>The first known button (in <see cref="BannerButtons.Known"/>'s order) that is visible now, in the page or one of its frames.</summary>
    private static async Task<(string Platform, ILocator? Button)> VisibleAsync(IPage page, VisitKind kind, CancellationToken cancellationToken)
    {
        if (await FirstVisibleAsync(Buttons(page.MainFrame, kind), cancellationToken) is { Button: not null } found)
        {
            return found;
        }

        // Frames with a web document, each asked once for any button (briefly: a frame may never get a document).
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame && f.Url.StartsWith("http", StringComparison.Ordinal)).Take(MaxFrames))
        {
            var buttons = Buttons(frame, kind).ToList();
            if (await PageCalls.TryAsync(AnyOf(buttons).IsVisibleAsync(), cancellationToken, TimeSpan.FromSeconds(2)) is (true, _, true))
            {
                return await FirstVisibleAsync(buttons, cancellationToken);
            }
        }

        return ("", null);
    }

    private static async Task<(string Platform, ILocator? Button)> FirstVisibleAsync(IEnumerable<(string Platform, ILocator Button)> buttons, CancellationToken cancellationToken)
    {
        foreach (var (platform, button) in buttons)
        {
            if (await PageCalls.TryAsync(button.IsVisibleAsync(), cancellationToken) is (true, _, true))
            {
                return (platform, button);
            }
        }

        return ("", null);
    }

    /// <summary>The most frames of a page looked into for a known button (a page of a hundred ad frames is not searched whole).</summary>
    private const int MaxFrames = 20;

    private static IEnumerable<(string Platform, ILocator Button)> Buttons(IFrame frame, VisitKind kind) =>
        BannerButtons.Known.Select(k => (k.Platform, frame.Locator(kind == VisitKind.RejectAll ? k.Reject : k.Accept).First));

    /// <summary>Whichever of the buttons is found first.</summary>
    private static ILocator AnyOf(IEnumerable<(string Platform, ILocator Button)> buttons) => buttons.Select(b => b.Button).Aggregate((a, b) => a.Or(b)).First;

    private static float Ms(TimeSpan t) => (float)t.TotalMilliseconds;
}
