using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using OrleansFlow.Abstractions;
using OrleansFlow.Fabric.Code;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Jobs;
using OrleansFlow.Fabric.Placement;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Rdma;
using StackExchange.Redis;

namespace OrleansFlow.Fabric.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo part of an OrleansFlow fabric: job, executor, task-worker and shuffle grains, the memory tier
    /// and other block stores, job state storage (memory or Redis), the progress stream, and tracing. Job kinds are
    /// added beside it, one line each (<c>AddMapReduceJobs()</c>, <c>AddSqlJobs()</c>, ...); the fabric itself knows
    /// only the no-op kind. Clustering stays the host's choice (<c>UseLocalhostClustering</c>, <c>UseRedisClustering</c>, ...).
    /// </summary>
    public static ISiloBuilder AddOrleansFlow(
        this ISiloBuilder silo,
        Action<OrleansFlowOptions>? configure = null,
        Action<BlockStoreOptions>? configureBlockStores = null)
    {
        var options = new OrleansFlowOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = silo.Services;
        services.AddSingleton(Options.Create(options));

        // Both stores use Orleans' own serializer, not the providers' default JSON: job state holds [GenerateSerializer]
        // records whose collections may be of compiler-made types that JSON cannot construct again, and a job writes
        // its state at every stage (JSON with type names took 7 % of a silo's CPU on TPC-DS query 77).
        foreach (var name in new[] { FlowNames.JobStorage, FlowNames.PubSubStorage })
        {
            switch (options.StateStore)
            {
                case JobStateStore.Redis:
                    silo.AddRedisGrainStorage(name, (OptionsBuilder<Orleans.Persistence.RedisStorageOptions> o) => o.Configure<Orleans.Serialization.Serializer>((redis, serializer) =>
                    {
                        redis.ConfigurationOptions = ConfigurationOptions.Parse(options.RedisConfiguration!);
                        redis.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                default:
                    silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> o) => o.Configure<Orleans.Serialization.Serializer>((memory, serializer) =>
                        memory.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer)));
                    break;
            }
        }
        silo.AddMemoryStreams(FlowNames.StreamProvider);
        silo.AddActivityPropagation();
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        // A dead silo is declared dead after two missed probes two seconds apart (Orleans' default: three, five seconds
        // apart), so jobs stop waiting on it and a replacement can join within seconds. A silo too starved to answer
        // two probes in a row is declared dead too; Orleans lengthens the timeout while the prober itself is degraded.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.MembershipProbeTimeout;
            o.NumMissedProbesLimit = options.MembershipMissedProbes;
        });

        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        services.AddSingleton(new SiloTaskCounters(options.TaskSlotsPerSilo));
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<ProgramLoader>();
        services.AddSingleton<ShuffleRegistry>();
        services.AddSingleton<ITaskKernel, NoopTaskKernel>();
        services.AddSingleton<IJobPlanner, NoopPlanner>();
        // Replica placement follows cluster membership (registered before the stores, which take the first one).
        services.AddSingleton<Tier.MembershipTierPeers>();
        services.AddSingleton<ITierPeerDirectory>(sp => sp.GetRequiredService<Tier.MembershipTierPeers>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<Tier.MembershipTierPeers>());
        services.AddSingleton<Drain.SiloDrain>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Drain.SiloDrainLifecycle>();
        // The silo stops its tier itself, after draining (see SiloDrainLifecycle), and the host gives it the time.
        services.Configure<Rdma.Hosting.BlockStoreHostingOptions>(o => o.StopWithHost = false);
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o =>
        {
            var needed = options.DrainTimeout + TimeSpan.FromSeconds(30);
            if (o.ShutdownTimeout < needed)
                o.ShutdownTimeout = needed;
        });
        services.AddOrleansFlowBlockStores(b =>
        {
            if (options.RedisConfiguration is not null)
                b.RedisConfiguration ??= options.RedisConfiguration;
            configureBlockStores?.Invoke(b);
        });

        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(FlowNames.ActivitySource, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
            // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT itself; without it there is nowhere to send spans.
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
                tracing.AddOtlpExporter();
        });
        return silo;
    }
}
