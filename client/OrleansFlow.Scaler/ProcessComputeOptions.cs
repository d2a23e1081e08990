namespace OrleansFlow.Scaler;

/// <summary>How <see cref="ProcessComputeProvider"/> starts a compute silo process.</summary>
public sealed record ProcessComputeOptions
{
    /// <summary>The program to run: the silo executable, or <c>dotnet</c> with the silo's dll first in
    /// <see cref="Arguments"/>.</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments every silo gets: the cluster to join (<c>--cluster redis://…</c>, <c>--cluster-id</c>) and
    /// its size (<c>--slots</c>, <c>--memory</c>). The provider adds <c>--role compute</c> and free ports.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables for the silo processes, beside this process's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
