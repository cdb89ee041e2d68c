using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The tabs of one visit: a tab that stopped answering is replaced by a fresh one before its next page, and
/// every other page of the visit's context (popups, and the popups they open) closed as it appears.
/// </summary>
internal sealed class TabSet : IDisposable
{
    private readonly IBrowserContext _context;
    private readonly ScanOptions _options;
    private readonly VisitHarvest _harvest;
    private readonly List<Task<Tab>> _slots = [];
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly HashSet<IPage> _own = [];

    public TabSet(IBrowserContext context, ScanOptions options, VisitHarvest harvest)
    {
        _context = context;
        _options = options;
        _harvest = harvest;
        context.Page += (_, page) => _ = ClosePopupAsync(page);
    }

    /// <summary>
    /// Starts opening tabs, one after another in the background, until there are <paramref name="count"/>; each can be
    /// used (<see cref="FreshAsync"/>) as soon as it is open, while the next is still opening.
    /// </summary>
    public void Prepare(int count, CancellationToken cancellationToken)
    {
        lock (_slots)
        {
            while (_slots.Count < count)
            {
                _slots.Add(OpenAsync(cancellationToken));
            }
        }
    }

    /// <summary>
    /// The tab at <paramref name="index"/> (<see cref="Prepare"/>d), once open, replaced by a fresh one if it stopped
    /// answering (each index is used by one task at a time).
    /// </summary>
    public async Task<Tab> FreshAsync(int index, CancellationToken cancellationToken)
    {
        Task<Tab> slot;
        lock (_slots)
        {
            slot = _slots[index];
        }

        var tab = await slot;
        if (tab.Unresponsive)
        {
            await tab.CloseAsync();
            tab = await OpenAsync(cancellationToken);
            lock (_slots)
            {
                _slots[index] = Task.FromResult(tab);
            }
        }

        return tab;
    }

    private async Task<Tab> OpenAsync(CancellationToken cancellationToken)
    {
        // Held while a tab is created (so tabs open one at a time, each failing only its own slot), so the page event of
        // our own new tab is never taken for a popup.
        await _opening.WaitAsync(cancellationToken);
        try
        {
            var tab = await Tab.OpenAsync(_context, _options.Url, _options, _harvest, cancellationToken);
            _own.Add(tab.Page);
            return tab;
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task ClosePopupAsync(IPage page)
    {
        try
        {
            await _opening.WaitAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // the visit is over; its browser is closing
        }

        try
        {
            if (_own.Contains(page))
            {
                return;
            }
        }
        finally
        {
            _opening.Release();
        }

        _harvest.NoteOnce("popups the site opened were closed as they appeared; only the scanned pages' own tabs are read");
        await PageCalls.TryAsync(page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }), CancellationToken.None);
    }

    /// <summary>Called once the visit's context is closed: no page event can come any more.</summary>
    public void Dispose() => _opening.Dispose();
}
