using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Jobs.MapReduce;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Jobs.Sort;
using OrleansFlow.Jobs.Sql;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Silo;
using StackExchange.Redis;

if (!SiloConfiguration.TryCreateBuilder(args, Environment.GetEnvironmentVariables(), Console.Out, Console.Error, out var builder, out var arguments, out var exitCode))
    return exitCode; // --help, --version, or a bad setting (exit code 2)

var advertised = arguments.AdvertiseAddress ?? AdvertisedAddress.Default(arguments.Cluster);
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = arguments.ClusterId;
        o.ServiceId = arguments.ClusterId;
    });
    var redis = arguments.Cluster.Kind == ClusterAddressKind.Redis ? arguments.Cluster.RedisConfiguration : null;
    if (redis is not null)
    {
        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        // Listen on every interface, advertise one address: other hosts can only reach an address they route to.
        silo.ConfigureEndpoints(advertised, arguments.SiloPort, arguments.GatewayPort, listenOnAnyHostAddress: true);
    }
    else
    {
        var primary = arguments.Primary is null ? null : IPEndPoint.Parse(arguments.Primary);
        silo.UseLocalhostClustering(arguments.SiloPort, arguments.GatewayPort, primary, arguments.ClusterId, arguments.ClusterId);
        if (arguments.AdvertiseAddress is not null) // asked for: a development cluster reachable from elsewhere
            silo.ConfigureEndpoints(advertised, arguments.SiloPort, arguments.GatewayPort, listenOnAnyHostAddress: true);
    }
    silo.AddOrleansFlow(o =>
    {
        if (arguments.Slots is { } slots) o.TaskSlotsPerSilo = slots;
        o.Role = arguments.Role;
        if (arguments.WorkDirectory is { } dir) o.WorkDirectory = dir;
        o.Limits = arguments.Limits;
        if (redis is not null)
        {
            o.StateStore = JobStateStore.Redis;
            o.RedisConfiguration = redis;
        }
    }, b =>
    {
        b.DataPort = arguments.DataPort;
        b.DataHost = advertised.ToString();
        b.DataListen = arguments.DataListen.ToString();
        b.ReplicationFactor = arguments.Replicas;
        if (arguments.MemoryBytes is { } memory) b.MemoryCapacityBytes = memory;
        b.PreTouchMemory = arguments.PreTouch;
    });
    // The job kinds this silo runs, one line each.
    silo.AddMapReduceJobs();
    silo.AddSortJobs();
    silo.AddSqlJobs();
    silo.AddMlJobs();
});

using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: the silo could not start: {e.Message}");
    return 1;
}
if (arguments.PreTouch)
    host.Services.GetRequiredService<SortBufferPool>().PreTouch();
var data = host.Services.GetRequiredService<DataPlaneEndpoint>();
// One line that scripts and tests wait for.
Console.WriteLine($"OrleansFlow silo ready: cluster={arguments.Cluster} cluster-id={arguments.ClusterId} address={advertised} silo-port={arguments.SiloPort} gateway-port={arguments.GatewayPort} data={data.Endpoint} role={arguments.Role.ToString().ToLowerInvariant()}");
await host.WaitForShutdownAsync();
return 0;
