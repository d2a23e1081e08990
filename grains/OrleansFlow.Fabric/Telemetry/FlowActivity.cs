using System.Diagnostics;
using OrleansFlow.Abstractions;

namespace OrleansFlow.Fabric.Telemetry;

/// <summary>The activity source of job, stage and task spans (exported by OpenTelemetry when configured).</summary>
public static class FlowActivity
{
    public static readonly ActivitySource Source = new(FlowNames.ActivitySource, "1.0.0");
}
