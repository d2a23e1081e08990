namespace OrleansFlow.Datagen.Tests;

/// <summary>Bad arguments fail before anything is written, with a message naming what is wrong.</summary>
public sealed class ArgumentTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Scale_factor_must_be_positive_and_finite(double sf)
    {
        using var dir = new TempFolder("args");
        var h = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TpchGenerator.GenerateAsync(sf, dir.Path));
        Assert.Equal("scaleFactor", h.ParamName);
        var ds = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TpcdsGenerator.GenerateAsync(sf, dir.Path));
        Assert.Equal("scaleFactor", ds.ParamName);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Scale_factor_above_the_limit_is_refused_before_anything_is_planned_or_written()
    {
        using var dir = new TempFolder("args");
        var output = Path.Combine(dir.Path, "out");
        var h = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TpchGenerator.GenerateAsync(1e9, output));
        Assert.StartsWith("The scale factor 1000000000 is more than the limit of 1000 (DatagenLimits.MaxScaleFactor).", h.Message);
        var ds = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => TpcdsGenerator.GenerateAsync(0.01, output, limits: new DatagenLimits { MaxScaleFactor = 0.001 }));
        Assert.StartsWith("The scale factor 0.01 is more than the limit of 0.001", ds.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Output_under_a_file_is_reported_with_its_path()
    {
        using var dir = new TempFolder("args");
        var file = Path.Combine(dir.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var target = Path.Combine(file, "out");
        var e = await Assert.ThrowsAsync<IOException>(() => TpchGenerator.GenerateAsync(0.001, target));
        Assert.Contains(target, e.Message);
    }

    [Fact]
    public async Task Empty_output_dir_is_rejected()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => TpcdsGenerator.GenerateAsync(0.01, " "));
        Assert.Equal("outputDir", e.ParamName);
    }

    [Fact]
    public async Task Parallelism_must_be_at_least_one()
    {
        using var dir = new TempFolder("args");
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => TpchGenerator.GenerateAsync(0.001, dir.Path, parallelism: 0));
        Assert.Equal("parallelism", e.ParamName);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Cancellation_stops_generation()
    {
        using var dir = new TempFolder("args");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TpchGenerator.GenerateAsync(0.01, dir.Path, ct: cts.Token));
    }

    [Fact]
    public async Task Progress_reports_every_part_and_all_rows()
    {
        using var dir = new TempFolder("progress");
        var reports = new List<DatagenProgress>();
        var progress = new SynchronousProgress(reports);
        var result = await TpchGenerator.GenerateAsync(0.001, dir.Path, progress: progress);
        Assert.Equal(reports.Count, reports[^1].PartsTotal);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.PartsDone).Order());
        Assert.Equal(result.RowCounts.Values.Sum(), reports.Max(r => r.RowsWritten));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one records on the reporting thread.</summary>
    private sealed class SynchronousProgress(List<DatagenProgress> reports) : IProgress<DatagenProgress>
    {
        public void Report(DatagenProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
