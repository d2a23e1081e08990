namespace OrleansFlow.Engine.MapReduce;

/// <summary>Makes a runnable program from a user's <see cref="MapReduceJob{TKey,TValue}"/> type.</summary>
public static class MapReduceProgram
{
    public static IMapReduceProgram Create(Type programType)
    {
        var jobBase = FindJobBase(programType)
            ?? throw new ArgumentException($"{programType.FullName} does not derive from MapReduceJob<TKey, TValue>.");
        if (programType.IsAbstract || programType.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{programType.FullName} must be a concrete class with a public parameterless constructor.");
        var args = jobBase.GetGenericArguments();
        var runner = typeof(MapReduceProgram<,>).MakeGenericType(args);
        var job = Activator.CreateInstance(programType)!;
        try
        {
            return (IMapReduceProgram)Activator.CreateInstance(runner, job)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException; // e.g. an unsupported key type, with its own message
        }
    }

    private static Type? FindJobBase(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(MapReduceJob<,>))
                return type;
        }
        return null;
    }
}

/// <summary>Runs the map and reduce of one typed program.</summary>
public sealed class MapReduceProgram<TKey, TValue>(MapReduceJob<TKey, TValue> job) : IMapReduceProgram where TKey : notnull
{
    private readonly KeyValueBlockCodec<TKey, TValue> _codec = new();

    public MapOutput RunMap(Input.TextSplit split, int partitions, CancellationToken cancellationToken)
    {
        job.Cancellation = cancellationToken;
        var collector = !job.HasCombiner ? new ListCollector()
            : typeof(TKey) == typeof(string) ? (IMapCollector)(object)new StringKeyCombiningCollector<TValue>((MapReduceJob<string, TValue>)(object)job)
            : new CombiningCollector(job);
        long lines = 0;
        var bytes = Input.TextSplitReader.ReadLines(split, line =>
        {
            lines++;
            job.Map(line, collector);
        }, cancellationToken);
        var (keys, values) = collector.Drain();
        return new MapOutput(Partition(keys, values, partitions), lines, keys.Count, bytes);
    }

    public async Task<ReduceOutput> RunReduceAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> blocks, TextWriter output, CancellationToken cancellationToken)
    {
        job.Cancellation = cancellationToken;
        long recordsIn = 0, bytesIn = 0;
        var combined = job.HasCombiner ? new Dictionary<TKey, TValue>() : null;
        var grouped = job.HasCombiner ? null : new Dictionary<TKey, List<TValue>>();
        await foreach (var block in blocks.WithCancellation(cancellationToken))
        {
            bytesIn += block.Length;
            recordsIn += _codec.Decode(block, (key, value) =>
            {
                if (combined is not null)
                    combined[key] = combined.TryGetValue(key, out var seen) ? job.Combine(key, seen, value) : value;
                else if (grouped!.TryGetValue(key, out var list))
                    list.Add(value);
                else
                    grouped[key] = [value];
            });
        }
        var keys = combined is not null ? combined.Keys.ToArray() : grouped!.Keys.ToArray();
        Array.Sort(keys, _codec.KeyComparer);
        var writer = new LineEmitter(_codec, output);
        var single = new TValue[1];
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (combined is not null)
            {
                single[0] = combined[key];
                job.Reduce(key, single, writer);
            }
            else
            {
                job.Reduce(key, grouped![key], writer);
            }
        }
        await output.FlushAsync(cancellationToken);
        return new ReduceOutput(recordsIn, writer.Count, bytesIn);
    }

    private byte[]?[] Partition(List<TKey> keys, List<TValue> values, int partitions)
    {
        var perPartitionKeys = new List<TKey>?[partitions];
        var perPartitionValues = new List<TValue>?[partitions];
        for (var i = 0; i < keys.Count; i++)
        {
            var p = job.Partition(keys[i], partitions);
            if ((uint)p >= (uint)partitions)
                throw new InvalidOperationException($"{job.GetType().Name}.Partition returned {p} for {partitions} partitions.");
            (perPartitionKeys[p] ??= []).Add(keys[i]);
            (perPartitionValues[p] ??= []).Add(values[i]);
        }
        var blocks = new byte[]?[partitions];
        for (var p = 0; p < partitions; p++)
        {
            if (perPartitionKeys[p] is { } k)
                blocks[p] = _codec.Encode(k, perPartitionValues[p]!);
        }
        return blocks;
    }

    internal interface IMapCollector : IEmitter<TKey, TValue>
    {
        (List<TKey> Keys, List<TValue> Values) Drain();
    }

    private sealed class ListCollector : IMapCollector
    {
        private readonly List<TKey> _keys = [];
        private readonly List<TValue> _values = [];
        public void Emit(TKey key, TValue value)
        {
            _keys.Add(key);
            _values.Add(value);
        }
        public (List<TKey> Keys, List<TValue> Values) Drain() => (_keys, _values);
    }

    /// <summary>The combiner on the map side: one value per key leaves the task.</summary>
    private sealed class CombiningCollector(MapReduceJob<TKey, TValue> job) : IMapCollector
    {
        private readonly Dictionary<TKey, TValue> _values = new();
        public void Emit(TKey key, TValue value)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_values, key, out var exists);
            slot = exists ? job.Combine(key, slot!, value) : value;
        }
        public (List<TKey> Keys, List<TValue> Values) Drain() => ([.. _values.Keys], [.. _values.Values]);
    }

    private sealed class LineEmitter(KeyValueBlockCodec<TKey, TValue> codec, TextWriter output) : IEmitter<TKey, TValue>
    {
        public long Count { get; private set; }
        public void Emit(TKey key, TValue value)
        {
            output.Write(codec.FormatKey(key));
            output.Write('\t');
            output.Write(codec.FormatValue(value));
            output.Write('\n');
            Count++;
        }
    }
}
