namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Waits for all of a worker's calls to the parameter shards, but fails as soon as one does. A call to one shard
/// may wait for the other workers, who may themselves wait for the failed shard: with <c>Task.WhenAll</c> the
/// worker would stay in that wait instead of failing and being retried.
/// </summary>
internal static class FirstFailure
{
    public static async Task<T[]> WhenAllAsync<T>(Task<T>[] calls)
    {
        await WhenAllAsync((Task[])calls);
        return Array.ConvertAll(calls, c => c.Result);
    }

    public static async Task WhenAllAsync(Task[] calls)
    {
        var pending = new List<Task>(calls);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            if (!done.IsCompletedSuccessfully)
                await done; // rethrows its exception
            pending.Remove(done);
        }
    }
}
