using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Tests;

public sealed class ModelSerializerTests
{
    public static TheoryData<string> Models => ["mlp", "linear", "logistic"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Round_trip_gives_identical_predictions(string kind)
    {
        var (model, data) = Create(kind);
        var parameters = new float[model.ParameterCount];
        var random = new Random(1);
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = (float)(random.NextDouble() - 0.5);

        using var stream = new MemoryStream();
        ModelSerializer.Save(stream, model, parameters);
        var (loaded, loadedParameters) = ModelSerializer.Load(stream.ToArray(), "memory");

        Assert.Equal(model.Kind, loaded.Kind);
        Assert.Equal(model.LayerSizes, loaded.LayerSizes);
        Assert.Equal(parameters, loadedParameters);
        var before = new float[data.Rows];
        var after = new float[data.Rows];
        model.Predict(data.AsShard(), parameters, before);
        loaded.Predict(data.AsShard(), loadedParameters, after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Saved_file_starts_with_the_documented_header()
    {
        var model = new MultilayerPerceptron([3, 4, 2]);
        using var stream = new MemoryStream();
        ModelSerializer.Save(stream, model, new float[model.ParameterCount]);
        var bytes = stream.ToArray();
        Assert.Equal("OFML"u8.ToArray(), bytes[..4]);
        Assert.Equal([1, 0, (byte)ModelKind.MultilayerPerceptron, 0, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0], bytes[4..24]);
        Assert.Equal(12 + 3 * 4 + 4 + 4 * model.ParameterCount + 4, bytes.Length);
    }

    [Fact]
    public void Corruption_is_detected()
    {
        var model = new LinearRegressionModel(3);
        using var stream = new MemoryStream();
        ModelSerializer.Save(stream, model, [1, 2, 3, 4]);
        var bytes = stream.ToArray();

        var flipped = (byte[])bytes.Clone();
        flipped[24] ^= 0x40;
        Assert.Contains("checksum mismatch", Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(flipped, "m.ofml")).Message, StringComparison.Ordinal);

        var newer = (byte[])bytes.Clone();
        newer[4] = 9;
        Assert.Contains("m.ofml: model format version 9 is not supported", Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(newer, "m.ofml")).Message, StringComparison.Ordinal);

        Assert.Contains("not an OrleansFlow model", Assert.Throws<InvalidDataException>(() => ModelSerializer.Load("PK\x03\x04 not a model"u8, "m.ofml")).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => ModelSerializer.Load(Path.Combine(Path.GetTempPath(), "orleansflow-no-such-model.ofml")));
    }

    [Fact]
    public void Save_and_load_through_a_file()
    {
        var model = new MultilayerPerceptron([4, 3]);
        var parameters = Enumerable.Range(0, model.ParameterCount).Select(i => i * 0.25f).ToArray();
        using var folder = new TempFolder();
        var path = folder.File("model.ofml");
        ModelSerializer.Save(path, model, parameters);
        var (loaded, loadedParameters) = ModelSerializer.Load(path);
        Assert.Equal([4, 3], loaded.LayerSizes);
        Assert.Equal(parameters, loadedParameters);
    }

    private static (IGradientModel Model, FeatureMatrix Data) Create(string kind) => kind switch
    {
        "mlp" => (new MultilayerPerceptron([6, 9, 5, 4]), SyntheticClassification.Blobs(50, 6, 4, seed: 1)),
        "linear" => (new LinearRegressionModel(6), SyntheticRegression.Generate(50, 6, 0.1f, seed: 1).Data),
        _ => (new LogisticRegressionModel(6), SyntheticClassification.Separable(50, 6, 0.2f, seed: 1)),
    };
}
