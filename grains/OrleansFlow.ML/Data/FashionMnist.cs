using System.Numerics.Tensors;

namespace OrleansFlow.ML.Data;

/// <summary>
/// Fashion-MNIST from its IDX files (train: 60 000 images, test: 10 000; 28 x 28 grey levels, 10 classes).
/// Pixels become floats in [0, 1]; labels the class index.
/// </summary>
public static class FashionMnist
{
    public const int ImageSide = 28;
    public const int PixelCount = ImageSide * ImageSide;
    public const int ClassCount = 10;

    public static FeatureMatrix LoadTrain(string directory) =>
        Load(Path.Combine(directory, "train-images-idx3-ubyte.gz"), Path.Combine(directory, "train-labels-idx1-ubyte.gz"));

    public static FeatureMatrix LoadTest(string directory) =>
        Load(Path.Combine(directory, "t10k-images-idx3-ubyte.gz"), Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"));

    /// <summary>Any pair of unsigned-byte IDX image (3-D) and label (1-D) files, such as the original MNIST ones.</summary>
    public static FeatureMatrix Load(string imagesPath, string labelsPath)
    {
        var images = IdxFile.Read(imagesPath, expectedDimensions: 3);
        var labels = IdxFile.Read(labelsPath, expectedDimensions: 1);
        var count = images.Dimensions[0];
        var pixels = images.Dimensions[1] * images.Dimensions[2];
        if (labels.Dimensions[0] != count)
            throw new InvalidDataException($"{imagesPath} holds {count} images but {labelsPath} holds {labels.Dimensions[0]} labels.");

        var features = new float[images.Values.Length];
        TensorPrimitives.ConvertChecked<byte, float>(images.Values, features);
        TensorPrimitives.Divide(features, 255f, features);
        var classes = new float[count];
        TensorPrimitives.ConvertChecked<byte, float>(labels.Values, classes);
        var maxLabel = TensorPrimitives.Max<float>(classes);
        if (maxLabel >= ClassCount)
            throw new InvalidDataException($"{labelsPath}: label {maxLabel} is outside the {ClassCount} classes 0..{ClassCount - 1}.");
        return new FeatureMatrix(features, classes, pixels, labelName: "class");
    }
}
