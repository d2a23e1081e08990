using System.Reflection;
using System.Runtime.Loader;
using OrleansFlow.Abstractions.Grains;

namespace OrleansFlow.Fabric.Code;

/// <summary>
/// A collectible load context holding one job's user assemblies. Assemblies the silo already has (the engine, the
/// framework) resolve to the silo's copies, so user types derive from the same MapReduceJob the silo runs.
/// </summary>
internal sealed class JobCodeLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, byte[]> _images;
    private readonly string _mainName;

    public JobCodeLoadContext(string jobId, CodePackage package) : base($"orleansflow-job-{jobId}", isCollectible: true)
    {
        _images = package.Assemblies.ToDictionary(a => a.Name, a => a.Image, StringComparer.OrdinalIgnoreCase);
        _mainName = package.Assemblies[0].Name;
        LoadImage(package.Assemblies[0].Image);
    }

    // Looked up, not kept: a field holding the assembly would keep this context alive after Unload.
    public Assembly MainAssembly => Assemblies.First(a => a.GetName().Name == _mainName);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared assemblies first: the user's code must see the silo's engine types, not a second copy.
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), assemblyName)))
            return null;
        return assemblyName.Name is { } name && _images.TryGetValue(name, out var image) ? LoadImage(image) : null;
    }

    private Assembly LoadImage(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        return LoadFromStream(stream);
    }
}
