namespace OrleansFlow.ML.Training;

internal static class OptimizerChecks
{
    public static void Lengths(int expected, int parameters, int gradient)
    {
        if (parameters != expected || gradient != expected)
            throw new ArgumentException($"The optimizer was made for {expected} parameters but got {parameters} parameters and {gradient} gradient values.");
    }

    public static void State(string optimizer, int vectors, int length, long steps, IReadOnlyList<float[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (steps < 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "A step count cannot be negative.");
        if (state.Count != vectors)
            throw new ArgumentException($"{optimizer} keeps {vectors} state vector(s); the checkpoint has {state.Count} (was it saved by another optimizer?).");
        foreach (var vector in state)
        {
            if (vector.Length != length)
                throw new ArgumentException($"{optimizer} state vectors have {length} values; the checkpoint has one of {vector.Length}.");
        }
    }
}
