namespace OrleansFlow.Testing;

/// <summary>
/// Waits for a condition that another system reaches in its own time and offers no event for (cluster membership
/// converging across processes). It polls; it never assumes a delay is enough, and fails with what it waited for.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for: {what} ({timeout})");
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
        }
    }
}
