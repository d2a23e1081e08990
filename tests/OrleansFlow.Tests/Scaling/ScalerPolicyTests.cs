using OrleansFlow.Scaler;

namespace OrleansFlow.Tests.Scaling;

/// <summary>The autoscaler's rules on their own: observations in, decisions out, a clock that moves when told.</summary>
public sealed class ScalerPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly ScalerPolicyOptions Options = new()
    {
        MinSilos = 0, MaxSilos = 3, SlotsPerSilo = 2,
        ScaleOutAfter = TimeSpan.FromSeconds(1), IdleBeforeScaleIn = TimeSpan.FromSeconds(10), Cooldown = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void From_zero_compute_a_waiting_task_starts_silos_at_once_sized_to_the_demand_and_capped_at_the_maximum()
    {
        var policy = new ScalerPolicy(Options);

        var one = policy.Decide(Seen(T0, [], waiting: 3, since: T0));

        Assert.Equal(ScalerAction.ScaleOut, one.Action);
        Assert.Equal(2, one.Count); // 3 tasks, 2 slots a silo
        Assert.Contains("no compute silo", one.Reason);

        var capped = new ScalerPolicy(Options).Decide(Seen(T0, [], waiting: 50, since: T0));
        Assert.Equal(3, capped.Count);
    }

    [Fact]
    public void Tasks_that_have_waited_less_than_the_threshold_add_nothing_then_one_silo_per_slots_worth()
    {
        var policy = new ScalerPolicy(Options);
        ComputeSilo[] busy = [new("a", 2, 2)];

        Assert.Equal(ScalerAction.None, policy.Decide(Seen(T0.AddMilliseconds(500), busy, waiting: 2, since: T0)).Action);
        var later = policy.Decide(Seen(T0.AddSeconds(1.5), busy, waiting: 2, since: T0));

        Assert.Equal(ScalerAction.ScaleOut, later.Action);
        Assert.Equal(1, later.Count);
    }

    [Fact]
    public void Silos_already_starting_for_the_waiting_tasks_are_not_started_twice()
    {
        var policy = new ScalerPolicy(Options);

        var decision = policy.Decide(Seen(T0.AddSeconds(5), [new("a", 2, 2)], waiting: 2, since: T0, starting: 1));

        Assert.Equal(ScalerAction.None, decision.Action);
    }

    [Fact]
    public void An_idle_silo_is_drained_after_the_idle_period_and_never_below_the_minimum()
    {
        var policy = new ScalerPolicy(Options with { MinSilos = 1, Cooldown = TimeSpan.Zero });
        ComputeSilo[] idle = [new("a", 2, 0), new("b", 2, 0)];

        Assert.Equal(ScalerAction.None, policy.Decide(Seen(T0, idle)).Action);
        Assert.Equal(ScalerAction.None, policy.Decide(Seen(T0.AddSeconds(9), idle)).Action);
        var first = policy.Decide(Seen(T0.AddSeconds(10), idle));

        Assert.Equal(ScalerAction.ScaleIn, first.Action);
        Assert.Equal("a", first.Silo);
        Assert.Equal(ScalerAction.None, policy.Decide(Seen(T0.AddSeconds(30), [new("b", 2, 0)])).Action);
    }

    [Fact]
    public void A_silo_running_tasks_or_a_waiting_task_keeps_every_silo_from_being_idle()
    {
        var policy = new ScalerPolicy(Options with { Cooldown = TimeSpan.Zero });

        policy.Decide(Seen(T0, [new("a", 2, 1), new("b", 2, 0)]));
        var whileBusy = policy.Decide(Seen(T0.AddSeconds(20), [new("a", 2, 1), new("b", 2, 0)]));
        Assert.Equal("b", whileBusy.Silo); // b ran nothing for 20 s; a is busy

        var withDemand = new ScalerPolicy(Options with { Cooldown = TimeSpan.Zero, MaxSilos = 2 });
        withDemand.Decide(Seen(T0, [new("a", 2, 0), new("b", 2, 0)], waiting: 1, since: T0));
        Assert.NotEqual(ScalerAction.ScaleIn, withDemand.Decide(Seen(T0.AddSeconds(20), [new("a", 2, 0), new("b", 2, 0)], waiting: 1, since: T0)).Action);
    }

    [Fact]
    public void No_change_follows_another_within_the_cooldown_except_out_of_zero_compute()
    {
        var policy = new ScalerPolicy(Options);
        ComputeSilo[] busy = [new("a", 2, 2)];

        Assert.Equal(ScalerAction.ScaleOut, policy.Decide(Seen(T0, [], waiting: 1, since: T0)).Action);
        Assert.Equal(ScalerAction.None, policy.Decide(Seen(T0.AddSeconds(3), busy, waiting: 4, since: T0)).Action);
        Assert.Equal(ScalerAction.ScaleOut, policy.Decide(Seen(T0.AddSeconds(6), busy, waiting: 4, since: T0)).Action);
    }

    [Fact]
    public void A_policy_that_cannot_hold_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScalerPolicy(Options with { MinSilos = 4, MaxSilos = 3 }));
        Assert.Contains("maximum silo count (3)", error.Message);
    }

    private static ScalerObservation Seen(DateTimeOffset now, IReadOnlyList<ComputeSilo> compute, int waiting = 0, DateTimeOffset? since = null, int starting = 0) =>
        new(now, compute, starting, waiting, since);
}
