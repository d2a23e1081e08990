namespace OrleansFlow.Abstractions.Grains;

/// <summary>User code uploaded with a job, keyed by a hash of its content; silos fetch it once per job.</summary>
public interface ICodeGrain : IGrainWithStringKey
{
    Task Upload(CodePackage package);
    Task<CodePackage?> Get();
}

/// <summary>The assemblies of a user program (the main assembly first).</summary>
[GenerateSerializer, Immutable]
public sealed record CodePackage([property: Id(0)] IReadOnlyList<CodeAssembly> Assemblies);

[GenerateSerializer, Immutable]
public sealed record CodeAssembly([property: Id(0)] string Name, [property: Id(1)] byte[] Image);
