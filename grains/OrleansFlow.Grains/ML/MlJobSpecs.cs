using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Grains.ML;

public static class MlJobSpecs
{
    /// <summary>The job spec of a training job with these settings (checked here, so bad ones fail before submitting).</summary>
    public static JobSpec Create(string name, MlJobParameters parameters)
    {
        var values = parameters.ToParameters();
        MlJobParameters.Parse(values);
        return new JobSpec { Name = name, Kind = JobKinds.MachineLearning, Parameters = values, MaxTaskAttempts = 3 };
    }
}
