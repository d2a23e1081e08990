using OrleansFlow.Fabric.Execution;

namespace OrleansFlow.Tests.Execution;

/// <summary>A silo's slots shared between jobs: a freed slot goes to the waiting job holding the fewest.</summary>
public sealed class FairSlotGateTests
{
    [Fact]
    public async Task A_small_job_waiting_behind_a_big_one_gets_the_next_free_slot()
    {
        var gate = new FairSlotGate(2);
        await gate.WaitAsync("big");
        await gate.WaitAsync("big");
        var bigWaiting = new[] { gate.WaitAsync("big"), gate.WaitAsync("big") }; // queued first
        var small = gate.WaitAsync("small");

        gate.Release("big");

        await small;
        Assert.All(bigWaiting, t => Assert.False(t.IsCompleted));
        Assert.Equal(1, gate.HeldBy("small"));
        Assert.Equal(1, gate.HeldBy("big"));
        Assert.Equal(2, gate.Waiting);
    }

    [Fact]
    public async Task One_job_alone_is_served_first_come_first_served_and_every_slot_comes_back()
    {
        var gate = new FairSlotGate(1);
        await gate.WaitAsync("a");
        var second = gate.WaitAsync("a");
        var third = gate.WaitAsync("a");

        gate.Release("a");
        await second;
        Assert.False(third.IsCompleted);
        gate.Release("a");
        await third;
        gate.Release("a");

        Assert.Equal(0, gate.HeldBy("a"));
        Assert.Equal(0, gate.Waiting);
        await gate.WaitAsync("b").WaitAsync(TimeSpan.FromSeconds(5)); // the slot is free again
    }

    [Fact]
    public async Task Jobs_holding_the_same_number_of_slots_take_turns()
    {
        var gate = new FairSlotGate(1);
        await gate.WaitAsync("x");
        var a1 = gate.WaitAsync("a");
        var a2 = gate.WaitAsync("a");
        var b1 = gate.WaitAsync("b");

        gate.Release("x");
        await a1;
        gate.Release("a");

        await b1; // b holds none, a holds none again: a waited first, but a was just served, so b goes
        Assert.False(a2.IsCompleted);
    }
}
