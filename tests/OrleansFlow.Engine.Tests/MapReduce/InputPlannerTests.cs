using OrleansFlow.Engine.Input;

namespace OrleansFlow.Engine.Tests.MapReduce;

public sealed class InputPlannerTests
{
    [Fact]
    public void A_missing_path_is_named()
    {
        var e = Assert.Throws<InputException>(() => InputPlanner.ResolveTextFiles(["/no/such/place"]));
        Assert.Equal("input path not found: /no/such/place", e.Message);
    }

    [Fact]
    public void An_empty_directory_is_named()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<InputException>(() => InputPlanner.ResolveTextFiles([folder.Path]));
        Assert.Equal($"input directory is empty: {folder.Path}", e.Message);
    }

    [Fact]
    public void A_binary_file_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.bin");
        File.WriteAllBytes(path, [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]);
        var e = Assert.Throws<InputException>(() => InputPlanner.ResolveTextFiles([folder.Path]));
        Assert.Equal($"input file is binary, not text: {path}", e.Message);
    }

    [Fact]
    public void A_directory_gives_its_visible_files_in_name_order()
    {
        using var folder = new TempFolder();
        folder.File("b.txt", "b");
        folder.File("a.txt", "a");
        folder.File(".hidden", "h");
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));
        var files = InputPlanner.ResolveTextFiles([folder.Path]);
        Assert.Equal(["a.txt", "b.txt"], files.Select(f => f.Name));
    }

    [Fact]
    public void Splits_cover_each_file_without_gaps()
    {
        using var folder = new TempFolder();
        var a = new FileInfo(folder.File("a", new string('x', 1000)));
        var empty = new FileInfo(folder.File("empty", ""));
        var splits = InputPlanner.Split([a, empty], 300);
        Assert.Equal([(0L, 300L), (300, 300), (600, 300), (900, 100)], splits.Select(s => (s.Offset, s.Length)));
    }
}
