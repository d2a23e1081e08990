using System.Buffers;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Kernels;

namespace OrleansFlow.ML.Models;

/// <summary>
/// Fully connected network: ReLU hidden layers, softmax output, cross-entropy loss; labels are class indices.
/// Parameter layout, layer by layer: W_l as [in x out] row-major, then b_l [out]. Rows are processed in blocks of
/// <see cref="BlockRows"/> so the activations of a block stay in cache and the workspace is bounded.
/// </summary>
public sealed class MultilayerPerceptron : IGradientModel
{
    private const int BlockRows = 128;
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly int _widest;

    /// <param name="layerSizes">Input width, hidden widths..., number of classes (e.g. 784, 128, 10).</param>
    public MultilayerPerceptron(IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
            throw new ArgumentException("An MLP needs at least an input and an output layer size.", nameof(layerSizes));
        for (var i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] <= 0)
                throw new ArgumentException($"Layer {i} has size {layerSizes[i]}; sizes must be positive.", nameof(layerSizes));
        }
        if (layerSizes[^1] < 2)
            throw new ArgumentException("The output layer needs at least 2 classes.", nameof(layerSizes));

        _sizes = layerSizes.ToArray();
        _weightOffsets = new int[_sizes.Length - 1];
        _biasOffsets = new int[_sizes.Length - 1];
        long offset = 0;
        for (var l = 0; l < _sizes.Length - 1; l++)
        {
            _weightOffsets[l] = checked((int)offset);
            offset += (long)_sizes[l] * _sizes[l + 1];
            _biasOffsets[l] = checked((int)offset);
            offset += _sizes[l + 1];
        }
        ParameterCount = checked((int)offset);
        _widest = _sizes.Skip(1).Max();
    }

    /// <summary>Multinomial logistic regression: an MLP without hidden layers.</summary>
    public static MultilayerPerceptron SoftmaxRegression(int featureCount, int classCount) => new([featureCount, classCount]);

    public ModelKind Kind => ModelKind.MultilayerPerceptron;

    public int FeatureCount => _sizes[0];

    public int ClassCount => _sizes[^1];

    public int ParameterCount { get; }

    public IReadOnlyList<int> LayerSizes => _sizes;

    private int LayerCount => _sizes.Length - 1;

    /// <summary>He-normal weights for ReLU layers, Glorot-normal for the output layer, zero biases.</summary>
    public void InitializeParameters(Span<float> parameters, int seed)
    {
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        var random = new Random(seed);
        for (var l = 0; l < LayerCount; l++)
        {
            var fanIn = _sizes[l];
            var fanOut = _sizes[l + 1];
            var std = l < LayerCount - 1 ? MathF.Sqrt(2f / fanIn) : MathF.Sqrt(2f / (fanIn + fanOut));
            GaussianSampler.Fill(random, parameters.Slice(_weightOffsets[l], fanIn * fanOut), 0f, std);
            parameters.Slice(_biasOffsets[l], fanOut).Clear();
        }
    }

    public GradientResult ComputeGradient(DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Parameters(this, gradient.Length, nameof(gradient));
        gradient.Clear();
        if (shard.Rows == 0)
            return new GradientResult(0, 0);

        using var workspace = new Workspace(_sizes, _widest);
        double lossSum = 0;
        for (var start = 0; start < shard.Rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, shard.Rows - start);
            var block = shard.Slice(start, count);
            Forward(block.Features.Span, count, parameters, workspace);
            lossSum += OutputDeltaAndLoss(block.Labels.Span, count, workspace, start);
            Backward(block.Features.Span, count, parameters, gradient, workspace);
        }
        TensorPrimitives.Multiply(gradient, 1f / shard.Rows, gradient);
        return new GradientResult(lossSum / shard.Rows, shard.Rows);
    }

    /// <summary>The most probable class per row.</summary>
    public void Predict(DataShard shard, ReadOnlySpan<float> parameters, Span<float> predictions)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Output(shard.Rows, predictions.Length, nameof(predictions));
        using var workspace = new Workspace(_sizes, _widest);
        for (var start = 0; start < shard.Rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, shard.Rows - start);
            Forward(shard.Features.Span.Slice(start * FeatureCount, count * FeatureCount), count, parameters, workspace);
            var logits = workspace.Activation(LayerCount, count);
            for (var i = 0; i < count; i++)
                predictions[start + i] = TensorPrimitives.IndexOfMax(logits.Slice(i * ClassCount, ClassCount));
        }
    }

    /// <summary>Fills activations 1..L; the last holds logits (softmax is applied by the loss step).</summary>
    private void Forward(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> parameters, Workspace workspace)
    {
        ReadOnlySpan<float> previous = input;
        for (var l = 0; l < LayerCount; l++)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            var output = workspace.Activation(l + 1, rows);
            output.Clear();
            MatrixKernels.MultiplyAdd(previous, parameters.Slice(_weightOffsets[l], fanIn * fanOut), output, rows, fanIn, fanOut);
            MatrixKernels.AddToEachRow(output, parameters.Slice(_biasOffsets[l], fanOut), rows);
            if (l < LayerCount - 1)
                Activations.ReluInPlace(output);
            previous = output;
        }
    }

    /// <summary>Turns logits into softmax probabilities minus the one-hot label (the output delta); returns summed loss.</summary>
    private double OutputDeltaAndLoss(ReadOnlySpan<float> labels, int rows, Workspace workspace, int firstRow)
    {
        var classes = ClassCount;
        var logits = workspace.Activation(LayerCount, rows);
        var delta = workspace.Delta(0, rows, classes);
        double loss = 0;
        for (var i = 0; i < rows; i++)
        {
            ModelChecks.ClassLabel(labels[i], classes, firstRow + i);
            var label = (int)labels[i];
            var row = delta.Slice(i * classes, classes);
            TensorPrimitives.SoftMax(logits.Slice(i * classes, classes), row);
            loss -= Math.Log(Math.Max(row[label], 1e-30f));
            row[label] -= 1f;
        }
        return loss;
    }

    private void Backward(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> parameters, Span<float> gradient, Workspace workspace)
    {
        var current = 0;
        for (var l = LayerCount - 1; l >= 0; l--)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            var delta = workspace.Delta(current, rows, fanOut);
            ReadOnlySpan<float> layerInput = l == 0 ? input : workspace.Activation(l, rows);
            MatrixKernels.TransposedMultiplyAdd(layerInput, delta, gradient.Slice(_weightOffsets[l], fanIn * fanOut), rows, fanIn, fanOut);
            MatrixKernels.SumRowsInto(delta, gradient.Slice(_biasOffsets[l], fanOut), rows);
            if (l == 0)
                break;
            var previousDelta = workspace.Delta(1 - current, rows, fanIn);
            previousDelta.Clear();
            MatrixKernels.MultiplyTransposedAdd(delta, parameters.Slice(_weightOffsets[l], fanIn * fanOut), previousDelta, rows, fanOut, fanIn);
            Activations.ReluBackwardInPlace(workspace.Activation(l, rows), previousDelta);
            current = 1 - current;
        }
    }

    /// <summary>Pooled per-call buffers, so concurrent workers never share state.</summary>
    private sealed class Workspace : IDisposable
    {
        private readonly float[][] _activations;
        private readonly float[][] _deltas;
        private readonly int[] _sizes;

        public Workspace(int[] sizes, int widest)
        {
            _sizes = sizes;
            _activations = new float[sizes.Length][];
            for (var l = 1; l < sizes.Length; l++)
                _activations[l] = ArrayPool<float>.Shared.Rent(BlockRows * sizes[l]);
            _deltas = [ArrayPool<float>.Shared.Rent(BlockRows * widest), ArrayPool<float>.Shared.Rent(BlockRows * widest)];
        }

        public Span<float> Activation(int layer, int rows) => _activations[layer].AsSpan(0, rows * _sizes[layer]);

        public Span<float> Delta(int which, int rows, int width) => _deltas[which].AsSpan(0, rows * width);

        public void Dispose()
        {
            for (var l = 1; l < _activations.Length; l++)
                ArrayPool<float>.Shared.Return(_activations[l]);
            ArrayPool<float>.Shared.Return(_deltas[0]);
            ArrayPool<float>.Shared.Return(_deltas[1]);
        }
    }
}
