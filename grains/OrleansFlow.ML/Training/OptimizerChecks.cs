namespace OrleansFlow.ML.Training;

internal static class OptimizerChecks
{
    public static void Lengths(int expected, int parameters, int gradient)
    {
        if (parameters != expected || gradient != expected)
            throw new ArgumentException($"The optimizer was made for {expected} parameters but got {parameters} parameters and {gradient} gradient values.");
    }
}
