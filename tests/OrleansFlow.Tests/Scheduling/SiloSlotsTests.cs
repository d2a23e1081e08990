using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Tests.Scheduling;

public sealed class SiloSlotsTests
{
    [Fact]
    public async Task Tasks_spread_over_every_silo_before_any_silo_gets_a_second()
    {
        var slots = new SiloSlots(2);
        slots.SetSilos(["a", "b", "c"]);
        var first = new[] { await slots.AcquireAsync(null, default), await slots.AcquireAsync(null, default), await slots.AcquireAsync(null, default) };
        Assert.Equal(["a", "b", "c"], first.Order());
        var second = new[] { await slots.AcquireAsync(null, default), await slots.AcquireAsync(null, default), await slots.AcquireAsync(null, default) };
        Assert.Equal(["a", "b", "c"], second.Order());
    }

    [Fact]
    public async Task A_full_cluster_makes_callers_wait_until_a_slot_is_released()
    {
        var slots = new SiloSlots(1);
        slots.SetSilos(["a", "b"]);
        await slots.AcquireAsync(null, default);
        await slots.AcquireAsync(null, default);
        var waiting = slots.AcquireAsync(null, default);
        Assert.False(waiting.IsCompleted);
        slots.Release("b");
        Assert.Equal("b", await waiting);
        Assert.Equal(1, slots.InUse("a"));
        Assert.Equal(1, slots.InUse("b"));
    }

    [Fact]
    public async Task A_retry_avoids_the_silo_that_just_failed_when_another_is_free()
    {
        var slots = new SiloSlots(4);
        slots.SetSilos(["a", "b"]);
        for (var i = 0; i < 10; i++)
        {
            var silo = await slots.AcquireAsync("a", default);
            Assert.Equal("b", silo);
            slots.Release(silo);
        }
    }

    [Fact]
    public async Task A_joining_silo_takes_work_and_a_leaving_one_gets_none()
    {
        var slots = new SiloSlots(1);
        slots.SetSilos(["a"]);
        await slots.AcquireAsync(null, default);
        var waiting = slots.AcquireAsync(null, default);
        slots.SetSilos(["a", "b"]);
        Assert.Equal("b", await waiting);

        slots.SetSilos(["b", "c"]);
        Assert.Equal("c", await slots.AcquireAsync(null, default));
        Assert.Equal(["b", "c"], slots.Silos.Order());
    }

    [Fact]
    public async Task A_cancelled_wait_ends_with_cancellation()
    {
        var slots = new SiloSlots(1);
        slots.SetSilos(["a"]);
        await slots.AcquireAsync(null, default);
        using var cancel = new CancellationTokenSource();
        var waiting = slots.AcquireAsync(null, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        slots.Release("a");
        Assert.Equal("a", await slots.AcquireAsync(null, default)); // the cancelled waiter took nothing
    }

    [Fact]
    public async Task With_no_silo_at_all_a_task_waits_for_one_to_join()
    {
        var slots = new SiloSlots(1);
        var waiting = slots.AcquireAsync(null, default);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, slots.Waiting);
        Assert.NotNull(slots.WaitingSince);

        slots.SetSilos(["late"]);

        Assert.Equal("late", await waiting);
        Assert.Equal(0, slots.Waiting);
        Assert.Null(slots.WaitingSince);
    }
}
