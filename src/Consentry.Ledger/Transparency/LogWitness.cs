using System.Globalization;
using System.Text.Json;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// A minimal witness (C2SP <c>tlog-witness</c>): for each log it is told to watch (by its verifier key) it keeps
/// the last checkpoint it cosigned, in a state file written before it answers; a new checkpoint is cosigned only
/// when it is signed by the log, starts from the size the witness holds, and a consistency proof shows the tree only
/// grew. A rollback, a fork (same size, other root) or a tree that was rewritten is refused, never cosigned.
/// </summary>
public sealed class LogWitness : IDisposable
{
    /// <summary>The most consistency-proof lines a request may carry (a proof between any two sizes needs fewer).</summary>
    public const int MaxProofLines = 63;

    private readonly ICheckpointSigner _key;
    private readonly Dictionary<string, string> _logs;
    private readonly string _statePath;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WitnessedHead> _state;

    /// <summary>A witness signing with <paramref name="key"/> for the logs whose verifier keys are <paramref name="logKeys"/>, keeping its state in <paramref name="statePath"/>.</summary>
    public LogWitness(ICheckpointSigner key, IEnumerable<string> logKeys, string statePath, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(logKeys);
        ArgumentException.ThrowIfNullOrEmpty(statePath);
        _key = key;
        _logs = logKeys.ToDictionary(k => LogKeys.ParseVerifierKey(k).Name, k => k, StringComparer.Ordinal);
        _statePath = Path.GetFullPath(statePath);
        _time = time ?? TimeProvider.System;
        _state = File.Exists(_statePath)
            ? JsonSerializer.Deserialize<Dictionary<string, WitnessedHead>>(File.ReadAllText(_statePath)) ?? []
            : [];
    }

    /// <summary>The witness's own verifier key, for logs and verifiers to pin.</summary>
    public string WitnessKey => Cosignatures.WitnessKey(_key);

    /// <summary>The logs the witness watches, by origin.</summary>
    public IReadOnlyCollection<string> Logs => _logs.Keys;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Answers one <c>POST add-checkpoint</c> request body.</summary>
    public async Task<WitnessAnswer> AddCheckpointAsync(string request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Parse(request) is not var (old, proof, note) || note is null)
        {
            return Refuse(400, "The request is not 'old <size>', proof lines, a blank line and a signed checkpoint.");
        }

        LogCheckpoint checkpoint;
        try
        {
            checkpoint = SignedCheckpoints.ReadUnverified(note);
        }
        catch (InvalidDataException e)
        {
            return Refuse(400, e.Message);
        }

        if (!_logs.TryGetValue(checkpoint.Origin, out var logKey))
        {
            return Refuse(404, $"This witness does not watch the log '{checkpoint.Origin}'.");
        }

        try
        {
            SignedCheckpoints.Open(note, logKey);
        }
        catch (InvalidDataException e)
        {
            return Refuse(403, e.Message);
        }

        return old > checkpoint.Size
            ? Refuse(400, $"The old size {old} is larger than the checkpoint's {checkpoint.Size}.")
            : await CosignIfConsistentAsync(checkpoint, old, proof, cancellationToken);
    }

    private async Task<WitnessAnswer> CosignIfConsistentAsync(LogCheckpoint checkpoint, long old, List<byte[]> proof, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var known = _state.GetValueOrDefault(checkpoint.Origin) ?? new WitnessedHead(0, null);
            if (old != known.Size)
            {
                return new WitnessAnswer(409, "text/x.tlog.size", known.Size.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            var consistent = old == 0 ? proof.Count == 0
                : old == checkpoint.Size ? proof.Count == 0 && known.Root == checkpoint.Root
                : MerkleProof.VerifyConsistency(old, Convert.FromBase64String(known.Root!), checkpoint.Size, checkpoint.RootHash(), proof);
            if (!consistent)
            {
                return old == checkpoint.Size
                    ? Refuse(409, $"A fork: the witness cosigned another root for size {old}.")
                    : Refuse(422, $"The consistency proof from size {old} to {checkpoint.Size} does not hold: the log was rewritten, not only extended.");
            }

            _state[checkpoint.Origin] = new WitnessedHead(checkpoint.Size, checkpoint.Root);
            await SaveAsync(cancellationToken);
            return new WitnessAnswer(200, "text/plain; charset=utf-8", await Cosignatures.CosignAsync(checkpoint, _key, _time.GetUtcNow(), cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the state to a new file, flushed to disk, then moves it over the old one: a crash leaves one or the other.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_statePath)!);
        var temp = _statePath + ".tmp";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(file, _state, cancellationToken: cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, _statePath, overwrite: true);
    }

    private static (long Old, List<byte[]> Proof, string? Note)? Parse(string request)
    {
        var lines = request.Split('\n');
        if (lines.Length < 3 || !lines[0].StartsWith("old ", StringComparison.Ordinal) || !LogCheckpoint.TryParseSize(lines[0][4..], out var old))
        {
            return null;
        }

        var proof = new List<byte[]>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (proof.Count == MaxProofLines || !TryHash(lines[i], out var hash))
            {
                return null;
            }

            proof.Add(hash);
        }

        return i >= lines.Length - 1 ? null : (old, proof, string.Join('\n', lines[(i + 1)..]));
    }

    private static bool TryHash(string line, out byte[] hash)
    {
        hash = new byte[MerkleHash.Size];
        return Convert.TryFromBase64String(line, hash, out var written) && written == MerkleHash.Size;
    }

    private static WitnessAnswer Refuse(int status, string reason) => new(status, "text/plain; charset=utf-8", reason + "\n");

    private sealed record WitnessedHead(long Size, string? Root);
}
