using System.Data.Common;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Stores;

/// <summary>
/// Reading the tree tables' rows, once for both stores: each store builds its command in its own SQL dialect, and the
/// rows it answers (a tree, the trees still to sign, stored hashes, signed checkpoints) are read here.
/// </summary>
internal static class TreeRows
{
    /// <summary>The site's tree from a command answering <c>base, size, root</c>, or null.</summary>
    public static async Task<LogTree?> ReadTreeAsync(DbCommand cmd, string site, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new LogTree(site, reader.GetInt64(0), reader.GetInt64(1), Root(reader, 2)) : null;
    }

    /// <summary>The trees a command answers as <c>site, base, size, root</c>.</summary>
    public static async Task<IReadOnlyList<LogTree>> ReadTreesAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<LogTree>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new LogTree(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), Root(reader, 3)));
        }

        return list;
    }

    /// <summary>The stored hashes a command answers as <c>idx, hash</c>.</summary>
    public static async Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(DbCommand cmd, int expected, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, byte[]>(expected);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
        }

        return found;
    }

    /// <summary>The signed checkpoints a command answers as <c>size, note</c>.</summary>
    public static async Task<IReadOnlyList<(long Size, string Note)>> ReadNotesAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<(long, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }

    private static string Root(DbDataReader reader, int column) => Convert.ToBase64String((byte[])reader.GetValue(column));
}
