namespace OrleansFlow.Abstractions.Grains;

/// <summary>
/// Where each silo's memory tier listens (its data-plane endpoint), so that silos can place block replicas on each
/// other. One per cluster (key 0); silos register at start and again whenever membership changes.
/// </summary>
public interface ITierDirectoryGrain : IGrainWithIntegerKey
{
    Task Register(string silo, string dataEndpoint);

    /// <summary>Data endpoints of the active silos, by silo address.</summary>
    Task<IReadOnlyDictionary<string, string>> GetEndpoints();
}
