namespace OrleansFlow.Abstractions;

/// <summary>Names the silos and clients must agree on.</summary>
public static class FlowNames
{
    /// <summary>The stream provider that carries job progress.</summary>
    public const string StreamProvider = "orleansflow";

    /// <summary>Stream namespace of job events; the stream key is the job id.</summary>
    public const string JobEventsNamespace = "job-events";

    /// <summary>Grain storage for job state and the job catalog.</summary>
    public const string JobStorage = "orleansflow";

    /// <summary>The storage Orleans streaming keeps subscriptions in.</summary>
    public const string PubSubStorage = "PubSubStore";

    /// <summary>The activity source of job, stage and task spans.</summary>
    public const string ActivitySource = "OrleansFlow";
}
