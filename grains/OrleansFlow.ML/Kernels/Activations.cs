using System.Numerics;
using System.Numerics.Tensors;

namespace OrleansFlow.ML.Kernels;

/// <summary>Element-wise activations and their derivatives, vectorised.</summary>
public static class Activations
{
    /// <summary>values = max(values, 0).</summary>
    public static void ReluInPlace(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>delta[i] = activation[i] > 0 ? delta[i] : 0 — backprop through ReLU using its output.</summary>
    public static void ReluBackwardInPlace(ReadOnlySpan<float> activation, Span<float> delta)
    {
        if (activation.Length != delta.Length)
            throw new ArgumentException($"Activation has {activation.Length} values, delta {delta.Length}.");
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= delta.Length - width; i += width)
            {
                var a = new Vector<float>(activation.Slice(i, width));
                var d = new Vector<float>(delta.Slice(i, width));
                Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<float>.Zero), d, Vector<float>.Zero).CopyTo(delta.Slice(i, width));
            }
        }
        for (; i < delta.Length; i++)
        {
            if (activation[i] <= 0f)
                delta[i] = 0f;
        }
    }

    /// <summary>Numerically stable log(1 + e^z).</summary>
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
}
