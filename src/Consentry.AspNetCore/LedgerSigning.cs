using Consentry.Ledger.Transparency;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// The host's checkpoint signer, if any: one registered as <see cref="ICheckpointSigner"/>, else the key from
/// <see cref="ConsentryOptions.LedgerSigningKey"/> or <see cref="ConsentryOptions.LedgerSigningKeyPath"/>.
/// A key that cannot be read stops the start with what is wrong and how to fix it.
/// </summary>
internal sealed class LedgerSigning
{
    public LedgerSigning(ConsentryOptions options, ICheckpointSigner? registered, ILogger<LedgerSigning>? logger = null)
    {
        Signer = registered ?? Load(options, logger);
    }

    public ICheckpointSigner? Signer { get; }

    /// <summary>The verifier key of the site's log (published in its banner configuration), or null without a signer.</summary>
    public string? VerifierKey(string siteId) => Signer is { } s ? LogKeys.VerifierKey(LogKeys.Origin(s, siteId), s.PublicKey.Span) : null;

    private static ICheckpointSigner? Load(ConsentryOptions options, ILogger? logger)
    {
        if (options.LedgerSigningKey is { Length: > 0 } key)
        {
            return Parse(key, "the LedgerSigningKey setting");
        }

        if (options.LedgerSigningKeyPath is not { Length: > 0 } path)
        {
            return null;
        }

        if (!File.Exists(path) && options.CreateLedgerSigningKey)
        {
            try
            {
                var (signer, created) = LogKeys.LoadOrCreateFile(path, options.LedgerSigningKeyName);
                if (created && logger is not null)
                {
                    ConsentryLog.SigningKeyCreated(logger, Path.GetFullPath(path), signer.Name);
                }

                return signer;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new InvalidOperationException($"The ledger signing key {Path.GetFullPath(path)} cannot be created: {e.Message}", e);
            }
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The ledger signing key file {Path.GetFullPath(path)} does not exist. Fix: make one with 'consentry ledger keygen --name <host> -o {path}'.");
        }

        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    private static ICheckpointSigner Parse(string text, string where)
    {
        try
        {
            return LogKeys.LoadSigner(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The ledger signing key in {where} cannot be used: {e.Message}", e);
        }
    }
}
