using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

public sealed class CheckpointTests
{
    public static TheoryData<string> Optimizers => ["adam", "sgd"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Restored_shard_continues_exactly_like_the_original(string kind)
    {
        IOptimizerOptions options = kind == "adam" ? new AdamOptions(0.05f) : new SgdMomentumOptions(0.05f, 0.9f);
        var range = new ParameterRange(1000, 1037);
        var random = new Random(3);
        float[] Vector() => Enumerable.Range(0, range.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        var original = new ParameterServerShard(range, Vector(), options);
        original.LearningRate = 0.02f;
        for (var step = 0; step < 3; step++)
        {
            original.Push(Vector(), new GradientResult(1, 10));
            original.ApplyPending();
        }

        var bytes = original.Checkpoint().ToBytes();
        var restored = ParameterServerShard.Restore(ParameterServerCheckpoint.FromBytes(bytes, "ckpt"), options);
        Assert.Equal(original.Range, restored.Range);
        Assert.Equal(3, restored.Version);
        Assert.Equal(0.02f, restored.LearningRate);

        for (var step = 0; step < 2; step++)
        {
            var gradient = Vector();
            original.Push(gradient, new GradientResult(1, 10));
            restored.Push(gradient, new GradientResult(1, 10));
            original.ApplyPending();
            restored.ApplyPending();
        }
        Assert.Equal(original.Values.ToArray(), restored.Values.ToArray());
        Assert.Equal(original.Version, restored.Version);
    }

    [Fact]
    public void Damaged_or_mismatched_checkpoints_are_rejected()
    {
        var shard = new ParameterServerShard(new ParameterRange(0, 4), [1, 2, 3, 4], new AdamOptions());
        var bytes = shard.Checkpoint().ToBytes();

        var flipped = (byte[])bytes.Clone();
        flipped[45] ^= 1;
        Assert.Contains("ckpt: checksum mismatch", Assert.Throws<InvalidDataException>(() => ParameterServerCheckpoint.FromBytes(flipped, "ckpt")).Message, StringComparison.Ordinal);
        Assert.Contains("not a parameter-server checkpoint", Assert.Throws<InvalidDataException>(() => ParameterServerCheckpoint.FromBytes(bytes.AsSpan(1), "ckpt")).Message, StringComparison.Ordinal);

        var adamCheckpoint = ParameterServerCheckpoint.FromBytes(bytes, "ckpt");
        var wrongKind = Assert.Throws<ArgumentException>(() => ParameterServerShard.Restore(adamCheckpoint, new SgdMomentumOptions(0.1f)));
        Assert.Contains("SgdMomentum keeps 1 state vector(s); the checkpoint has 2", wrongKind.Message, StringComparison.Ordinal);
    }
}
