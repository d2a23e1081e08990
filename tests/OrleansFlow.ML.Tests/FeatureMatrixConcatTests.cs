using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Tests;

public sealed class FeatureMatrixConcatTests
{
    [Fact]
    public void Concatenates_the_rows_of_the_parts_in_order()
    {
        var a = new FeatureMatrix([1, 2, 3, 4], [10, 20], columns: 2, ["x", "z"]);
        var b = new FeatureMatrix([5, 6], [30], columns: 2, ["x", "z"]);

        var all = FeatureMatrix.Concat([a, b], labelName: "y");

        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, all.Features);
        Assert.Equal(new float[] { 10, 20, 30 }, all.Labels);
        Assert.Equal(["x", "z"], all.FeatureNames);
        Assert.Equal("y", all.LabelName);
    }

    [Fact]
    public void Rejects_parts_of_different_widths()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FeatureMatrix.Concat([new FeatureMatrix([1, 2], [0], columns: 2), new FeatureMatrix([1, 2, 3], [0], columns: 3)]));
        Assert.Contains("2 and 3 columns", error.Message);
    }
}
