namespace OrleansFlow.Engine.MapReduce;

/// <summary>
/// A MapReduce program, written by a user in their own assembly and shipped with the job.
/// Keys and values are typed; supported types are <see cref="string"/>, <see cref="long"/>, <see cref="int"/>
/// and <see cref="double"/> (they travel between tasks as Arrow columns).
/// </summary>
/// <remarks>A program must have a public parameterless constructor; one instance is made per task.</remarks>
public abstract class MapReduceJob<TKey, TValue> where TKey : notnull
{
    /// <summary>Signalled when the job is cancelled; long-running map or reduce code should watch it.</summary>
    public CancellationToken Cancellation { get; internal set; }

    /// <summary>Maps one line of input (without its line terminator).</summary>
    public abstract void Map(ReadOnlySpan<char> line, IEmitter<TKey, TValue> output);

    /// <summary>Reduces all values of one key. Called once per key, keys in ascending order within a partition.</summary>
    public abstract void Reduce(TKey key, IReadOnlyList<TValue> values, IEmitter<TKey, TValue> output);

    /// <summary>True when <see cref="Combine"/> is implemented: values of a key are then merged on the map side.</summary>
    public virtual bool HasCombiner => false;

    /// <summary>Merges two values of one key (must be associative and commutative).</summary>
    public virtual TValue Combine(TKey key, TValue left, TValue right) =>
        throw new NotSupportedException($"{GetType().Name} has no combiner.");

    /// <summary>The reduce partition of a key; the default is a hash that is the same in every process.</summary>
    public virtual int Partition(TKey key, int partitions) => StablePartitioner.Partition(key, partitions);
}

/// <summary>Receives the records a map or reduce emits.</summary>
public interface IEmitter<in TKey, in TValue>
{
    void Emit(TKey key, TValue value);
}

/// <summary>
/// Offered by the map side for string keys when the program has a combiner: a key emitted as characters is only
/// turned into a string the first time the task sees it. Test for it with <c>output is ISpanKeyEmitter&lt;TValue&gt;</c>.
/// </summary>
public interface ISpanKeyEmitter<in TValue>
{
    void Emit(ReadOnlySpan<char> key, TValue value);
}
