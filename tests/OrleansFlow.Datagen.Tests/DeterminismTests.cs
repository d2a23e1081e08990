using System.Security.Cryptography;
using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tests;

/// <summary>
/// Output depends on (scale factor, seed) only: the same seed gives byte-identical files whatever the parallelism,
/// another seed gives other data. A small part layout makes several parts out of a small scale factor.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly PartLayout SmallParts = new(RowsPerPart: 20_000, RowGroupRows: 7_000);

    [Fact]
    public async Task Tpch_same_seed_gives_identical_files_whatever_the_parallelism()
    {
        using var one = new TempFolder("det-h1");
        using var three = new TempFolder("det-h3");
        using var other = new TempFolder("det-hs");
        await TpchGenerator.GenerateAsync(0.01, one.Path, 5, 1, null, SmallParts, default);
        await TpchGenerator.GenerateAsync(0.01, three.Path, 5, 3, null, SmallParts, default);
        await TpchGenerator.GenerateAsync(0.01, other.Path, 6, 2, null, SmallParts, default);

        var first = Checksums(one.Path);
        Assert.True(first.Keys.Count(k => k.StartsWith("lineitem", StringComparison.Ordinal)) > 1, "lineitem is in several parts");
        Assert.Equal(first, Checksums(three.Path));
        var otherSeed = Checksums(other.Path);
        Assert.Equal(first.Keys, otherSeed.Keys);
        Assert.NotEqual(first["lineitem/part-00000.parquet"], otherSeed["lineitem/part-00000.parquet"]);
        // Even the fixed region table differs: its comments come from the seed's text pool.
        Assert.NotEqual(first["region/part-00000.parquet"], otherSeed["region/part-00000.parquet"]);
    }

    [Fact]
    public async Task Tpcds_same_seed_gives_identical_files_whatever_the_parallelism()
    {
        using var one = new TempFolder("det-ds1");
        using var two = new TempFolder("det-ds2");
        await TpcdsGenerator.GenerateAsync(0.01, one.Path, 9, 1, null, SmallParts, default);
        await TpcdsGenerator.GenerateAsync(0.01, two.Path, 9, 2, null, SmallParts, default);

        var first = Checksums(one.Path);
        Assert.True(first.Keys.Count(k => k.StartsWith("store_sales", StringComparison.Ordinal)) > 1, "store_sales is in several parts");
        Assert.Equal(first, Checksums(two.Path));
    }

    private static SortedDictionary<string, string> Checksums(string root)
    {
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(root, file).Replace('\\', '/');
            sums[name] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return sums;
    }
}
