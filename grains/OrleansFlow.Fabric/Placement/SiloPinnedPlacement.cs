using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace OrleansFlow.Fabric.Placement;

/// <summary>
/// Places a grain on the silo named by its key (a silo address in parsable form). Executors use it so the job grain
/// can send work to a chosen silo: stateless workers only ever run on their caller's silo.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static readonly SiloPinnedPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);

/// <summary>Puts the activation on the silo its key names, if that silo is alive; refuses otherwise.</summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        SiloAddress wanted;
        try
        {
            wanted = SiloAddress.FromParsableString(key);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"Grain {target.GrainIdentity} is pinned to a silo, but its key '{key}' is not a silo address.");
        }
        var compatible = context.GetCompatibleSilos(target);
        if (Array.IndexOf(compatible, wanted) < 0)
            throw new SiloUnavailableException($"Silo {key} is not an active member of the cluster.");
        return Task.FromResult(wanted);
    }
}
