using System.Collections.Concurrent;
using System.Reflection;
using OrleansFlow.Abstractions.Grains;

namespace OrleansFlow.Fabric.Code;

/// <summary>
/// Finds the program type a task runs: a built-in type of an engine, or a type in the job's uploaded code, which is
/// loaded once per job on this silo into a collectible load context and unloaded when the job is released.
/// </summary>
public sealed class ProgramLoader(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<JobCodeLoadContext>>> _contexts = new();

    /// <summary>How many jobs have user code loaded on this silo.</summary>
    public int LoadedJobs => _contexts.Count;

    /// <summary>The type <paramref name="programType"/>: from <paramref name="builtIn"/> when the job uploaded no code
    /// (<paramref name="codeId"/> null), else from the job's code, loaded on first use.</summary>
    public async Task<Type> LoadTypeAsync(string jobId, string? programType, string? codeId, Assembly builtIn)
    {
        if (string.IsNullOrEmpty(programType))
            throw new ArgumentException($"Job {jobId} names no program type.");
        Type? type;
        if (codeId is null)
        {
            type = builtIn.GetType(programType, throwOnError: false);
        }
        else
        {
            var context = await _contexts.GetOrAdd(jobId, _ => new Lazy<Task<JobCodeLoadContext>>(() => LoadAsync(jobId, codeId))).Value;
            type = context.MainAssembly.GetType(programType, throwOnError: false);
        }
        if (type is null)
            throw new TypeLoadException($"Program type '{programType}' was not found in {(codeId is null ? "the built-in programs" : "the job's uploaded code")}.");
        return type;
    }

    /// <summary>Unloads the job's code; returns a handle that tests can use to see the context collected.</summary>
    public WeakReference? Unload(string jobId)
    {
        if (!_contexts.TryRemove(jobId, out var lazy) || !lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
            return null;
        var context = lazy.Value.Result;
        context.Unload();
        return new WeakReference(context);
    }

    private async Task<JobCodeLoadContext> LoadAsync(string jobId, string codeId)
    {
        var package = await grains.GetGrain<ICodeGrain>(codeId).Get()
            ?? throw new InvalidOperationException($"The code {codeId} of job {jobId} was never uploaded.");
        if (package.Assemblies.Count == 0)
            throw new InvalidOperationException($"The code {codeId} of job {jobId} holds no assembly.");
        return new JobCodeLoadContext(jobId, package);
    }
}
