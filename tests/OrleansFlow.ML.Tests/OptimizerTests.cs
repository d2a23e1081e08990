using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

/// <summary>Optimizer updates against the textbook formulas computed by hand in double.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void Sgd_momentum_follows_its_formula()
    {
        var optimizer = new SgdMomentumOptions(0.1f, 0.5f).Create(2);
        float[] parameters = [1f, -2f];
        optimizer.Step(parameters, [0.4f, 1f]);   // v = g;            p = p - 0.1 v
        optimizer.Step(parameters, [0.2f, -1f]);  // v = 0.5 v + g;    p = p - 0.1 v
        Assert.Equal(1 - 0.04 - 0.1 * (0.2 + 0.5 * 0.4), parameters[0], 6);
        Assert.Equal(-2 - 0.1 - 0.1 * (-1 + 0.5 * 1), parameters[1], 6);
        Assert.Equal(2, optimizer.Steps);
    }

    [Fact]
    public void Adam_follows_its_formula()
    {
        var optimizer = new AdamOptions(0.01f, 0.9f, 0.999f, 1e-8f).Create(1);
        float[] parameters = [0.5f];
        double p = 0.5, m = 0, v = 0;
        double[] gradients = [0.3, -0.1, 0.7];
        for (var t = 1; t <= gradients.Length; t++)
        {
            var g = gradients[t - 1];
            optimizer.Step(parameters, [(float)g]);
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            p -= 0.01 * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
        }
        Assert.Equal(p, parameters[0], 5);
    }

    [Fact]
    public void Server_shard_applies_the_sample_weighted_average()
    {
        var range = new ParameterRange(10, 12);
        var server = new ParameterServerShard(range, [1f, 1f], new SgdMomentumOptions(1f, 0f));
        server.Push([1f, 0f], new GradientResult(2.0, 1));
        server.Push([4f, 3f], new GradientResult(4.0, 2));
        Assert.Equal(2, server.PendingContributions);
        var step = server.ApplyPending();
        // (1·[1,0] + 2·[4,3]) / 3 = [3, 2]; loss (2 + 8) / 3.
        Assert.Equal([-2f, -1f], server.Values.ToArray());
        Assert.Equal(3, step.Samples);
        Assert.Equal(10.0 / 3, step.MeanLoss, 9);
        Assert.Equal(1, server.Version);
        Assert.Equal(0, server.PendingContributions);
    }

    [Fact]
    public void Ranges_partition_the_whole_vector()
    {
        var ranges = ParameterRange.Partition(101_770, 3);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(101_770, ranges[^1].End);
        for (var i = 1; i < ranges.Length; i++)
            Assert.Equal(ranges[i - 1].End, ranges[i].Start);
        Assert.True(ranges.Max(r => r.Length) - ranges.Min(r => r.Length) <= 1);

        var vector = new ParameterVector(new ParameterRange(100, 110));
        vector.Write(new ParameterRange(104, 106), [7f, 8f]);
        Assert.Equal([0f, 7f, 8f, 0f], vector.Slice(new ParameterRange(103, 107)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.Slice(new ParameterRange(99, 101)));
        Assert.Throws<ArgumentException>(() => new GradientAverager(new ParameterRange(0, 4)).Add(new float[3], new GradientResult(0, 1)));
    }
}
