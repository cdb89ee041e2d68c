using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Tests.Transparency;

public sealed class MerkleTreeTests
{
    /// <summary>The eight leaves of the RFC 6962 reference test vectors (certificate-transparency's merkle tests).</summary>
    internal static readonly byte[][] VectorLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] VectorRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void TreeRootsMatchTheRfc6962TestVectors()
    {
        var tree = Grow(VectorLeaves, out var stored);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(StoredHashes.Root(0, i => stored[i])));
        for (var size = 1; size <= VectorLeaves.Length; size++)
        {
            Assert.Equal(VectorRoots[size - 1], Convert.ToHexStringLower(StoredHashes.Root(size, i => stored[i])));
        }

        Assert.Equal(VectorRoots[^1], Convert.ToHexStringLower(tree.Root()));
    }

    [Fact]
    public void StoredHashesAreNumberedAsGosTlogNumbersThem()
    {
        // Leaves 0,1 then their parent; leaf 2, leaf 3, their parent, then the parent of four (tlog's StoredHashIndex).
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7], new[] { StoredHashes.Index(0, 0), StoredHashes.Index(0, 1), StoredHashes.Index(1, 0), StoredHashes.Index(0, 2), StoredHashes.Index(0, 3), StoredHashes.Index(1, 1), StoredHashes.Index(2, 0), StoredHashes.Index(0, 4) });
        Grow(Leaves(1000), out var stored);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Keys.Order());
    }

    [Fact]
    public void EveryInclusionProofVerifiesAndNothingElsePasses()
    {
        var leaves = Leaves(40);
        Grow(leaves, out var stored);
        for (long size = 1; size <= leaves.Length; size++)
        {
            var root = StoredHashes.Root(size, i => stored[i]);
            for (long index = 0; index < size; index++)
            {
                var path = StoredHashes.Inclusion(index, size, i => stored[i]);
                var leaf = MerkleHash.Leaf(leaves[index]);
                Assert.True(MerkleProof.VerifyInclusion(leaf, index, size, path, root), $"leaf {index} of {size}");
                Assert.False(MerkleProof.VerifyInclusion(MerkleHash.Leaf([.. leaves[index], 1]), index, size, path, root), $"altered leaf {index} of {size}");
                Assert.False(size > 1 && MerkleProof.VerifyInclusion(leaf, (index + 1) % size, size, path, root), $"wrong index for leaf {index} of {size}");
                Assert.False(size > 1 && MerkleProof.VerifyInclusion(leaf, index, size, path, StoredHashes.Root(size - 1, i => stored[i])), $"another tree's root for leaf {index} of {size}");
                Assert.False(path.Count > 0 && MerkleProof.VerifyInclusion(leaf, index, size, [.. path.Take(path.Count - 1)], root), $"short path for leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void EveryConsistencyProofVerifiesAndATamperedOneFails()
    {
        var leaves = Leaves(40);
        Grow(leaves, out var stored);
        for (long newSize = 1; newSize <= leaves.Length; newSize++)
        {
            var newRoot = StoredHashes.Root(newSize, i => stored[i]);
            for (long oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var oldRoot = StoredHashes.Root(oldSize, i => stored[i]);
                var proof = StoredHashes.Consistency(oldSize, newSize, i => stored[i]);
                Assert.True(MerkleProof.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, proof), $"{oldSize} to {newSize}");
                if (proof.Count > 0)
                {
                    var bent = proof.Select(p => (byte[])p.Clone()).ToList();
                    bent[^1][0] ^= 1;
                    Assert.False(MerkleProof.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, bent), $"bent proof {oldSize} to {newSize}");
                }

                // A forked old tree (another leaf at the end) is not a prefix of the new one.
                var forked = Grow([.. leaves.Take((int)oldSize - 1), [0xff]], out _).Root();
                Assert.False(MerkleProof.VerifyConsistency(oldSize, forked, newSize, newRoot, proof), $"fork {oldSize} to {newSize}");
            }
        }
    }

    [Fact]
    public void AFrontierLoadedFromTheStoreGoesOnAsTheOneThatWroteIt()
    {
        var leaves = Leaves(77);
        var whole = Grow(leaves, out var expected);
        Grow(leaves.Take(45).ToArray(), out var stored);
        var resumed = TreeFrontier.Load(45, [.. TreeFrontier.Indexes(45).Select(i => stored[i])]);
        foreach (var leaf in leaves.Skip(45))
        {
            resumed.Append(MerkleHash.Leaf(leaf), (i, h) => stored.Add(i, h));
        }

        Assert.Equal(whole.Root(), resumed.Root());
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, stored[e.Key]));
    }

    [Fact]
    public async Task GosTlogComputesTheSameRootsAndAcceptsTheProofs()
    {
        var leaves = Leaves(23);
        Grow(leaves, out var stored);
        var signerKey = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        var origin = LogKeys.Origin(signerKey, "claimcmr");
        var size = leaves.Length;
        var note = await SignedCheckpoints.SignAsync(new LogCheckpoint(origin, size, Convert.ToBase64String(StoredHashes.Root(size, i => stored[i]))), signerKey, TestContext.Current.CancellationToken);
        var request = new
        {
            verifierKey = LogKeys.VerifierKey(origin, signerKey.PublicKey.Span),
            checkpoint = note,
            roots = Enumerable.Range(1, size).Select(n => new { records = leaves.Take(n).Select(Convert.ToBase64String), root = Convert.ToBase64String(StoredHashes.Root(n, i => stored[i])) }),
            leaves = Enumerable.Range(0, size).Select(i => new { index = i, data = Convert.ToBase64String(leaves[i]), proof = StoredHashes.Inclusion(i, size, x => stored[x]).Select(Convert.ToBase64String) }),
            older = Enumerable.Range(1, size).Select(n => new { size = n, root = Convert.ToBase64String(StoredHashes.Root(n, i => stored[i])), proof = StoredHashes.Consistency(n, size, x => stored[x]).Select(Convert.ToBase64String) }),
        };

        var (exit, lines) = await TlogVerifier.RunAsync(request);

        Assert.True(exit == 0, string.Join("\n", lines.Where(l => !l.StartsWith("ok ", StringComparison.Ordinal))));
        Assert.Equal(1 + (3 * size), lines.Length);
    }

    [Fact]
    public async Task GosTlogRejectsAProofForAnotherLeafAndABentCheckpoint()
    {
        var leaves = Leaves(9);
        Grow(leaves, out var stored);
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        var origin = LogKeys.Origin(signer, "claimcmr");
        var note = await SignedCheckpoints.SignAsync(new LogCheckpoint(origin, 9, Convert.ToBase64String(StoredHashes.Root(9, i => stored[i]))), signer, TestContext.Current.CancellationToken);
        var key = LogKeys.VerifierKey(origin, signer.PublicKey.Span);

        var (exit, lines) = await TlogVerifier.RunAsync(new { verifierKey = key, checkpoint = note, leaves = new[] { new { index = 3, data = Convert.ToBase64String(leaves[4]), proof = StoredHashes.Inclusion(3, 9, x => stored[x]).Select(Convert.ToBase64String) } } });
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith("FAIL inclusion 3", StringComparison.Ordinal));

        (exit, lines) = await TlogVerifier.RunAsync(new { verifierKey = key, checkpoint = note.Replace("\n9\n", "\n10\n", StringComparison.Ordinal) });
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith("FAIL checkpoint signature", StringComparison.Ordinal));
    }

    internal static byte[][] Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => System.Text.Encoding.UTF8.GetBytes($"leaf {i}"))];

    internal static TreeFrontier Grow(byte[][] leaves, out Dictionary<long, byte[]> stored)
    {
        var hashes = new Dictionary<long, byte[]>();
        var tree = TreeFrontier.Load(0, []);
        foreach (var leaf in leaves)
        {
            tree.Append(MerkleHash.Leaf(leaf), (i, h) => hashes.Add(i, h));
        }

        stored = hashes;
        return tree;
    }
}
