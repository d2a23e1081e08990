// A tier process driven over stdin/stdout, one command per line, for the cross-process tests:
//   args: <workDir> <sharedMemory true|false>
//   prints "READY <endpoint>" once started; then answers
//   "write <Memory|Disk> <jobId> <key> <length> <seed>" with "OK <xxhash64> <descriptor json>" (allocates here in
//   that store, writes seeded bytes),
//   "read <descriptor json>" with "OK <xxhash64>" (reads through whatever transport this process picks),
//   "readmany <descriptor json array>" with "OK <xxhash64>,<xxhash64>,..." (all blocks in one ReadManyAsync batch),
//   "quit" by stopping. Failures answer "ERR <exception type>: <message>".
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma;
using OrleansFlow.Rdma.DataPlane;

var workDir = args[0];
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddOrleansFlowBlockStores(o =>
{
    o.EnableSharedMemory = bool.Parse(args[1]);
    o.MemoryCapacityBytes = 256L << 20;
    o.SpillDirectory = Path.Combine(workDir, "spill", Environment.ProcessId.ToString());
    o.DiskDirectory = Path.Combine(workDir, "disk");
});
using var host = builder.Build();
await host.StartAsync();
var stores = host.Services.GetRequiredService<IBlockStoreProvider>();
Console.WriteLine($"READY {host.Services.GetRequiredService<DataPlaneEndpoint>().Endpoint}");

while (Console.ReadLine() is { } line && line != "quit")
{
    var parts = line.Split(' ', 2);
    try
    {
        if (parts[0] == "write")
        {
            var a = parts[1].Split(' ');
            var store = stores.Get(Enum.Parse<ShuffleStoreKind>(a[0]));
            var bytes = new byte[int.Parse(a[3])];
            new Random(int.Parse(a[4])).NextBytes(bytes);
            var block = await store.AllocateAsync(a[1], ulong.Parse(a[2]), bytes.Length);
            await store.WriteAsync(block, 0, bytes);
            Console.WriteLine($"OK {XxHash64.HashToUInt64(bytes)} {JsonSerializer.Serialize(block)}");
        }
        else if (parts[0] == "read")
        {
            var block = JsonSerializer.Deserialize<BlockDescriptor>(parts[1])!;
            var bytes = new byte[block.Length];
            await stores.Get(block.Store).ReadAsync(block, 0, bytes);
            Console.WriteLine($"OK {XxHash64.HashToUInt64(bytes)}");
        }
        else if (parts[0] == "readmany")
        {
            var blocks = JsonSerializer.Deserialize<BlockDescriptor[]>(parts[1])!;
            var reads = blocks.Select(b => new BlockRead(b, 0, new byte[b.Length])).ToList();
            await stores.Get(blocks[0].Store).ReadManyAsync(reads);
            Console.WriteLine($"OK {string.Join(',', reads.Select(r => XxHash64.HashToUInt64(r.Destination.Span)))}");
        }
        else
        {
            Console.WriteLine($"ERR unknown command '{parts[0]}'");
        }
    }
    catch (Exception e)
    {
        Console.WriteLine($"ERR {e.GetType().Name}: {e.Message}");
    }
}
await host.StopAsync();
