using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma;

/// <summary>The stores configured in this process, by kind.</summary>
public sealed class BlockStoreProvider : IBlockStoreProvider
{
    private readonly Dictionary<ShuffleStoreKind, IBlockStore> _stores;

    public BlockStoreProvider(IEnumerable<IBlockStore> stores)
    {
        _stores = [];
        foreach (var store in stores)
        {
            if (!_stores.TryAdd(store.Kind, store))
                throw new ArgumentException($"Two block stores of kind {store.Kind} were registered; keep one.", nameof(stores));
        }
        All = _stores.Values.ToList();
    }

    public IReadOnlyCollection<IBlockStore> All { get; }

    public IBlockStore Get(ShuffleStoreKind kind) =>
        _stores.TryGetValue(kind, out var store)
            ? store
            : throw new InvalidOperationException(kind == ShuffleStoreKind.Redis
                ? "The Redis shuffle store is not configured on this silo: set BlockStoreOptions.RedisConfiguration (e.g. \"127.0.0.1:6379\")."
                : $"The {kind} shuffle store is not configured on this silo.");
}
