using System.Globalization;
using System.Text;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// Submits every site's newest signed checkpoint to the configured witnesses (C2SP <c>tlog-witness</c>) and keeps
/// their cosignatures with it, about every <see cref="ConsentryOptions.CheckpointInterval"/> (at least a second).
/// A witness that holds another size is answered from the size it names (409); one that refuses says why in one log
/// line each time its answer changes, never a stack trace.
/// </summary>
internal sealed class WitnessSubmitter(IReceiptStore store, ConsentryOptions options, LedgerSigning signing, ILogger<WitnessSubmitter> logger) : BackgroundService
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Dictionary<(string Site, string Url), long> _known = [];
    private readonly Dictionary<(string Site, string Url), string> _reported = [];

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Witnesses.Count == 0 || signing.Signer is null)
        {
            return;
        }

        var every = options.CheckpointInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.CheckpointInterval;
        await Task.Yield(); // never hold up the host's start
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SubmitAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is LedgerUnavailableException or System.Data.Common.DbException or InvalidDataException or FormatException or ArgumentException)
            {
                // A background round that fails is reported and tried again; it never stops the host.
                Report("*", "*", "the ledger cannot be read: " + e.Message);
            }

            await Task.Delay(every, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SubmitAllAsync(CancellationToken cancellationToken)
    {
        foreach (var site in await store.SitesAsync(cancellationToken))
        {
            var note = await store.CheckpointAsync(site, cancellationToken: cancellationToken);
            foreach (var witness in note is null ? [] : options.Witnesses)
            {
                note = await SubmitAsync(site, note!, witness, cancellationToken);
            }
        }
    }

    /// <summary>Gets the witness's cosignature of the note if it lacks one; returns the note as now kept.</summary>
    private async Task<string> SubmitAsync(string site, string note, WitnessEndpoint witness, CancellationToken cancellationToken)
    {
        if (Cosigned(note, witness))
        {
            return note;
        }

        var checkpoint = SignedCheckpoints.ReadUnverified(note);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var old = _known.GetValueOrDefault((site, witness.Url));
            var proof = old > 0 && old < checkpoint.Size ? await store.ConsistencyProofAsync(site, old, checkpoint.Size, cancellationToken) : [];
            var (status, body) = await PostAsync(witness, old, proof, note, cancellationToken);
            if (status == 409 && long.TryParse(body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size != old)
            {
                if (size > checkpoint.Size)
                {
                    Report(site, witness.Url, $"the witness cosigned a larger tree ({size}) than the log's newest checkpoint ({checkpoint.Size}): this log was rolled back or forked");
                    return note;
                }

                _known[(site, witness.Url)] = size;
                continue;
            }

            if (status != 200)
            {
                Report(site, witness.Url, status == 0 ? body : $"{status}: {body.Trim()}");
                return note;
            }

            var cosigned = note + body;
            if (!Cosigned(cosigned, witness) || !await store.AddCosignaturesAsync(site, checkpoint.Size, note, cosigned, cancellationToken))
            {
                Report(site, witness.Url, "the witness's answer is not a valid cosignature by its key");
                return note;
            }

            _known[(site, witness.Url)] = checkpoint.Size;
            _reported.Remove((site, witness.Url));
            return cosigned;
        }

        return note;
    }

    private static bool Cosigned(string note, WitnessEndpoint witness)
    {
        try
        {
            return Cosignatures.Verify(note, [witness.Key]).Count > 0;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return false;
        }
    }

    private async Task<(int Status, string Body)> PostAsync(WitnessEndpoint witness, long old, IReadOnlyList<byte[]> proof, string note, CancellationToken cancellationToken)
    {
        var body = new StringBuilder($"old {old.ToString(CultureInfo.InvariantCulture)}\n");
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        body.Append('\n').Append(note);
        try
        {
            using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain");
            using var response = await _http.PostAsync(witness.Url, content, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, "the witness cannot be reached: " + e.Message);
        }
    }

    private void Report(string site, string url, string problem)
    {
        if (_reported.GetValueOrDefault((site, url)) != problem)
        {
            _reported[(site, url)] = problem;
            ConsentryLog.WitnessRefused(logger, site, url, problem);
        }
    }
}
