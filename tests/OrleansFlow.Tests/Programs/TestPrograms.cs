using OrleansFlow.Engine.MapReduce;

namespace OrleansFlow.Tests.Programs;

// User programs shipped with jobs in the tests: this assembly is uploaded and loaded by each silo in a collectible
// load context, exactly as a user's assembly would be.

/// <summary>Word count written as user code (independent of the built-in one).</summary>
public sealed class UserWordCount : MapReduceJob<string, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        foreach (var word in line.ToString().Split(line.ToString().Where(c => !char.IsAsciiLetter(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries))
            output.Emit(word.ToLowerInvariant(), 1);
    }

    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output) => output.Emit(key, values.Sum());
}

/// <summary>A line <c>FAIL-ONCE path</c> fails the task the first time it is seen (the marker file records it).</summary>
public sealed class FailOnceWordCount : MapReduceJob<string, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        if (line.StartsWith("FAIL-ONCE "))
        {
            var marker = line["FAIL-ONCE ".Length..].ToString();
            if (!File.Exists(marker))
            {
                File.WriteAllText(marker, "failed once");
                throw new InvalidOperationException("flaky map: first attempt fails");
            }
            return;
        }
        foreach (var word in line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            output.Emit(word, 1);
    }

    public override bool HasCombiner => true;
    public override long Combine(string key, long left, long right) => left + right;
    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output) => output.Emit(key, values.Sum());
}

/// <summary>Every map task fails.</summary>
public sealed class AlwaysFailingJob : MapReduceJob<string, long>
{
    public const string Error = "boom: this map always fails";
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output) => throw new InvalidOperationException(Error);
    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output) { }
}

/// <summary>
/// Word count whose map tasks hold at a line <c>GATE path</c> until that file exists: a test keeps a stage running
/// (every slot busy, the other tasks queued) for as long as it needs, and then lets it finish.
/// </summary>
public sealed class GatedWordCount : MapReduceJob<string, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        if (line.StartsWith("GATE "))
        {
            var gate = line["GATE ".Length..].ToString();
            while (!File.Exists(gate))
            {
                Cancellation.ThrowIfCancellationRequested();
                Thread.Sleep(10); // user code waiting on the outside world, as a real map waiting on a service would
            }
            return;
        }
        foreach (var word in line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            output.Emit(word, 1);
    }

    public override bool HasCombiner => true;
    public override long Combine(string key, long left, long right) => left + right;
    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output) => output.Emit(key, values.Sum());
}

/// <summary>Every map task waits until the job is cancelled.</summary>
public sealed class WaitForCancellationJob : MapReduceJob<string, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        Cancellation.WaitHandle.WaitOne();
        Cancellation.ThrowIfCancellationRequested();
    }

    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output) { }
}

/// <summary>Sums numbers per parity: long keys and values, no combiner, every value seen by reduce.</summary>
public sealed class ParitySum : MapReduceJob<long, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<long, long> output)
    {
        if (long.TryParse(line, out var n)) output.Emit(n % 2, n);
    }

    public override void Reduce(long key, IReadOnlyList<long> values, IEmitter<long, long> output) => output.Emit(key, values.Sum());
}
