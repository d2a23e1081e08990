using Microsoft.Extensions.Logging.Abstractions;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Jobs;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Tests.Scheduling;

/// <summary>The job's scheduling rules on their own: a plan, a fake cluster that runs tasks as told, a manual clock.
/// No Orleans host.</summary>
public sealed class JobRunTests
{
    private static readonly JobRunOptions Rules = new() { SlotsPerSilo = 2, RetryBaseDelay = TimeSpan.Zero, SuspectFor = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_task_that_fails_twice_then_succeeds_finishes_the_job_with_two_retries()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 3));
        var cluster = new FakeCluster(["a", "b"]);
        var failuresLeft = 2;
        cluster.Run = (silo, task) => task.TaskIndex == 1 && failuresLeft-- > 0
            ? Failed(silo, task, TaskFailureKind.TaskError, "boom")
            : Ok(silo, task);

        await Run(state, cluster);

        Assert.Equal(3, cluster.CallsOf(0, 1).Count);
        Assert.Single(cluster.CallsOf(0, 0));
        Assert.Equal(2, state.Progress[0].Retries);
        Assert.Equal([0, 1, 2], state.Progress[0].Completed.Keys.Order());
        Assert.Equal(cluster.CallsOf(0, 1)[^1].Task.Attempt, state.Progress[0].Completed[1].Attempt);
    }

    [Fact]
    public async Task A_task_that_keeps_failing_fails_the_job_with_its_own_error_after_its_attempts()
    {
        var state = Job(maxAttempts: 2, Stage("map", tasks: 2));
        var cluster = new FakeCluster(["a"]) { Run = (silo, task) => task.TaskIndex == 0 ? Failed(silo, task, TaskFailureKind.TaskError, "bad row 7") : Ok(silo, task) };

        var error = await Assert.ThrowsAsync<TaskAttemptException>(() => Run(state, cluster));

        Assert.Equal("bad row 7", error.Message);
        Assert.Equal(TaskFailureKind.TaskError, error.Failure.Kind);
        Assert.Equal(2, cluster.CallsOf(0, 0).Count);
    }

    [Fact]
    public async Task A_task_that_fails_on_bad_input_fails_the_job_at_once_without_retries()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 2));
        var cluster = new FakeCluster(["a", "b"])
        {
            Run = (silo, task) => task.TaskIndex == 0 ? Failed(silo, task, TaskFailureKind.InputError, "t.csv:3:2: column 'b' holds 'NaN'") : Ok(silo, task),
        };

        var error = await Assert.ThrowsAsync<TaskAttemptException>(() => Run(state, cluster));

        Assert.Equal("t.csv:3:2: column 'b' holds 'NaN'", error.Message);
        Assert.Equal(TaskFailureKind.InputError, error.Failure.Kind);
        Assert.Single(cluster.CallsOf(0, 0));
        Assert.Equal(0, state.Progress[0].Retries);
    }

    [Fact]
    public async Task Lost_input_runs_again_only_the_producing_tasks_the_failure_names()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 4), Stage("reduce", tasks: 2, dependsOn: 0));
        var cluster = new FakeCluster(["a", "b"]);
        var lost = false;
        cluster.Run = (silo, task) =>
        {
            if (task.StageIndex == 1 && task.TaskIndex == 0 && !lost)
            {
                lost = true;
                return Failed(silo, task, TaskFailureKind.ShuffleDataLost, "shuffle data lost: map 2's block is gone", new TaskRef(0, 2));
            }
            return Ok(silo, task);
        };

        await Run(state, cluster);

        Assert.Equal([1, 1, 2, 1], Enumerable.Range(0, 4).Select(t => cluster.CallsOf(0, t).Count));
        Assert.Equal(1, state.Progress[0].Recomputed);
        Assert.Equal(2, cluster.CallsOf(1, 0).Count);
        // Lost input is not the reducer's fault: it used no retry.
        Assert.Equal(0, state.Progress[1].Retries);
        Assert.Equal([0, 1], state.Progress[1].Completed.Keys.Order());
    }

    [Fact]
    public async Task When_a_silo_leaves_only_the_producers_that_ran_on_it_run_again()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 6), Stage("reduce", tasks: 1, dependsOn: 0));
        var cluster = new FakeCluster(["a", "b"]);
        var lost = false;
        cluster.Run = (silo, task) =>
        {
            if (task.StageIndex == 1 && !lost)
            {
                // The reducer finds blocks missing: the silo that held them is gone from membership.
                lost = true;
                cluster.Silos.Remove("b");
                return Failed(silo, task, TaskFailureKind.ShuffleDataLost, "shuffle data lost: blocks at b cannot be read");
            }
            return Ok(silo, task);
        };

        await Run(state, cluster);

        var firstMapSilo = Enumerable.Range(0, 6).ToDictionary(t => t, t => cluster.CallsOf(0, t)[0].Silo);
        var ranOnB = firstMapSilo.Where(kv => kv.Value == "b").Select(kv => kv.Key).ToList();
        Assert.NotEmpty(ranOnB);
        Assert.All(Enumerable.Range(0, 6), t => Assert.Equal(ranOnB.Contains(t) ? 2 : 1, cluster.CallsOf(0, t).Count));
        Assert.All(ranOnB, t => Assert.Equal("a", cluster.CallsOf(0, t)[^1].Silo));
        Assert.Equal(ranOnB.Count, state.Progress[0].Recomputed);
    }

    [Fact]
    public async Task A_silo_that_failed_a_call_gets_no_task_during_its_quarantine_and_the_task_uses_no_attempt()
    {
        var state = Job(maxAttempts: 1, Stage("one", tasks: 4), Stage("two", tasks: 4, dependsOn: 0), Stage("three", tasks: 4, dependsOn: 1));
        var clock = new ManualClock();
        var cluster = new FakeCluster(["a", "b"]);
        DateTimeOffset? failedAt = null;
        cluster.Run = (silo, task) =>
        {
            if (silo == "b" && failedAt is null)
            {
                failedAt = clock.Now;
                throw new TimeoutException("b did not answer");
            }
            // Stage "two" starts 10 s after the failure (inside the quarantine), stage "three" 31 s after it (past it).
            if (failedAt is { } at)
                clock.Now = at + TimeSpan.FromSeconds(task.StageIndex == 0 ? 10 : 31);
            return Ok(silo, task);
        };

        await Run(state, cluster, clock);

        Assert.NotNull(failedAt);
        Assert.All(cluster.Calls.Where(c => c.Task.StageIndex == 0).SkipWhile(c => c.Silo != "b").Skip(1), c => Assert.Equal("a", c.Silo));
        Assert.DoesNotContain(cluster.Calls, c => c.Task.StageIndex == 1 && c.Silo == "b");
        Assert.Contains(cluster.Calls, c => c.Task.StageIndex == 2 && c.Silo == "b");
        Assert.All(state.Progress, p => Assert.Equal(0, p.Retries));
    }

    [Fact]
    public async Task Cancelling_stops_dispatch_and_ends_the_run_as_cancelled()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 4));
        var cluster = new FakeCluster(["a"]);
        var running = new TaskCompletionSource<TaskReport>();
        TaskSpec? first = null;
        cluster.Run = (_, task) =>
        {
            first ??= task;
            return running.Task;
        };
        using var cancel = new CancellationTokenSource();
        var run = Run(state, cluster, rules: Rules with { SlotsPerSilo = 1 }, cancellationToken: cancel.Token);

        Assert.Single(cluster.Calls);
        cancel.Cancel();
        // The executor answers a cancelled job's running task with a cancelled report.
        running.SetResult(new TaskReport { Stage = first!.Stage, TaskIndex = first.TaskIndex, Silo = "a", Failure = new TaskFailure(TaskFailureKind.Cancelled, "cancelled") });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(cluster.Calls);
        Assert.Empty(state.Progress[0].Completed);
    }

    [Fact]
    public async Task A_task_that_reached_a_lost_silo_runs_again_without_using_an_attempt()
    {
        var state = Job(maxAttempts: 1, Stage("map", tasks: 2));
        var lostOnce = false;
        var cluster = new FakeCluster(["a", "b"])
        {
            Run = (silo, task) => task.TaskIndex == 0 && !lostOnce && (lostOnce = true)
                ? Failed(silo, task, TaskFailureKind.SiloLost, "SiloUnavailableException: shuffle partition on c")
                : Ok(silo, task),
        };

        await Run(state, cluster);

        Assert.Equal(2, cluster.CallsOf(0, 0).Count);
        Assert.Equal(0, state.Progress[0].Retries);
        Assert.Equal(TaskFailureKind.SiloLost, Assert.Single(state.Progress[0].OtherAttempts).Failure?.Kind);
    }

    [Fact]
    public async Task A_silo_that_joins_mid_stage_takes_the_waiting_tasks_of_that_stage()
    {
        var state = Job(maxAttempts: 3, Stage("map", tasks: 3));
        var cluster = new FakeCluster(["a"]);
        var onA = new TaskCompletionSource<TaskReport>();
        cluster.Run = (silo, task) => silo == "a" ? onA.Task : Ok(silo, task);
        var run = new JobRun("job", state, cluster, Rules with { SlotsPerSilo = 1 }, new ManualClock(), NullLogger.Instance);
        var running = run.RunAsync(CancellationToken.None);
        Assert.Single(cluster.Calls); // a's one slot is busy; the other two tasks wait

        var threeCalls = cluster.WhenCalls(3);
        cluster.Silos.Add("b");
        run.SilosChanged();

        // Waiting tasks resume on the thread pool here (on the job grain's turns in a silo).
        await threeCalls.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["a", "b", "b"], cluster.Snapshot().Select(c => c.Silo));
        var first = cluster.Calls[0].Task;
        onA.SetResult(new TaskReport { Stage = first.Stage, TaskIndex = first.TaskIndex, Attempt = first.Attempt, Silo = "a" });
        await running;
        Assert.Equal(3, state.Progress[0].Completed.Count);
    }

    [Fact]
    public async Task A_draining_silo_that_refuses_a_task_gets_no_more_and_the_task_runs_elsewhere_unbilled()
    {
        var state = Job(maxAttempts: 1, Stage("map", tasks: 6));
        var cluster = new FakeCluster(["a", "b"])
        {
            Run = (silo, task) => silo == "b"
                ? Failed(silo, task, TaskFailureKind.Refused, "silo b is draining")
                : Ok(silo, task),
        };

        await Run(state, cluster);

        Assert.Equal(6, state.Progress[0].Completed.Count);
        Assert.All(state.Progress[0].Completed.Values, r => Assert.Equal("a", r.Silo));
        // b refused what it was sent before the job knew it was leaving (its slots' worth at most), then got nothing.
        Assert.InRange(cluster.Calls.Count(c => c.Silo == "b"), 1, Rules.SlotsPerSilo);
        Assert.Empty(state.Progress[0].OtherAttempts);
        Assert.Equal(0, state.Progress[0].Retries);
    }

    [Fact]
    public async Task A_run_handed_over_mid_stage_saves_the_tasks_out_on_silos_and_the_resumed_run_starts_only_the_rest()
    {
        var state = Job(maxAttempts: 1, Stage("map", tasks: 5));
        var cluster = new FakeCluster(["a"]);
        var held = new List<(TaskSpec Task, TaskCompletionSource<TaskReport> Done)>();
        cluster.Run = (_, task) =>
        {
            var done = new TaskCompletionSource<TaskReport>();
            lock (held) held.Add((task, done));
            return done.Task;
        };
        var first = new JobRun("job", state, cluster, Rules with { SlotsPerSilo = 2 }, new ManualClock(), NullLogger.Instance);
        _ = first.RunAsync(CancellationToken.None);
        Assert.Equal(2, cluster.Calls.Count); // two slots: two tasks out, three waiting

        var handOver = first.HandOverAsync(CancellationToken.None);
        Assert.False(handOver.IsCompleted); // it waits for the two out on silos
        foreach (var (task, done) in held.ToList())
            done.SetResult(new TaskReport { Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = task.Attempt, Silo = "a" });
        await handOver.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, cluster.Calls.Count); // nothing started after the hand-over began
        Assert.Equal(2, state.Progress[0].Completed.Count);
        Assert.Equal(1, cluster.SaveCount);

        var handedOver = cluster.Calls.Select(c => c.Task.TaskIndex).ToHashSet();
        cluster.Run = Ok;
        state.Generation++;
        await Run(state, cluster);

        Assert.Equal(5, state.Progress[0].Completed.Count);
        Assert.Equal(5, cluster.Calls.Count); // each task ran once, over both runs
        Assert.DoesNotContain(cluster.Calls.Skip(2), c => handedOver.Contains(c.Task.TaskIndex));
        Assert.Empty(state.Progress[0].OtherAttempts);
    }

    private static Task Run(JobState state, FakeCluster cluster, ManualClock? clock = null, JobRunOptions? rules = null, CancellationToken cancellationToken = default) =>
        new JobRun("job", state, cluster, rules ?? Rules, clock ?? new ManualClock(), NullLogger.Instance).RunAsync(cancellationToken);

    private static JobState Job(int maxAttempts, params StagePlan[] stages)
    {
        for (var i = 0; i < stages.Length; i++)
            stages[i].Tasks = stages[i].Tasks.Select(t => t with { StageIndex = i }).ToList();
        return new JobState
        {
            Spec = new JobSpec { Name = "test", Args = new NoopArgs(), MaxTaskAttempts = maxAttempts },
            Status = JobStatus.Running,
            Plan = new JobPlan { Stages = stages.ToList() },
            Progress = stages.Select(_ => new StageProgress()).ToList(),
        };
    }

    private static StagePlan Stage(string name, int tasks, params int[] dependsOn) => new()
    {
        Name = name,
        DependsOn = dependsOn.ToList(),
        Tasks = Enumerable.Range(0, tasks).Select(i => new TaskSpec { JobId = "job", Stage = name, TaskIndex = i, Kernel = "noop", Args = new NoopTaskArgs() }).ToList(),
    };

    private static Task<TaskReport> Ok(string silo, TaskSpec task) =>
        Task.FromResult(new TaskReport { Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = task.Attempt, Silo = silo });

    private static Task<TaskReport> Failed(string silo, TaskSpec task, TaskFailureKind kind, string message, params TaskRef[] lost) =>
        Task.FromResult(new TaskReport { Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = task.Attempt, Silo = silo, Failure = new TaskFailure(kind, message, lost) });

    /// <summary>Silos that run tasks as <see cref="Run"/> says (throwing = the silo failed), and a log of every call.</summary>
    private sealed class FakeCluster(IEnumerable<string> silos) : IJobRunHost
    {
        public List<string> Silos { get; } = silos.ToList();

        public Func<string, TaskSpec, Task<TaskReport>> Run { get; set; } = Ok;

        public List<(string Silo, TaskSpec Task)> Calls { get; } = [];

        public List<(string Silo, TaskSpec Task)> CallsOf(int stage, int task) =>
            Calls.Where(c => c.Task.StageIndex == stage && c.Task.TaskIndex == task).ToList();

        public IReadOnlyList<string> ActiveSilos() => Silos.ToList();

        private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];

        /// <summary>Completes once <paramref name="count"/> calls have been made.</summary>
        public Task WhenCalls(int count)
        {
            lock (Calls)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Calls.Count >= count) reached.SetResult();
                else _waits.Add((count, reached));
                return reached.Task;
            }
        }

        public List<(string Silo, TaskSpec Task)> Snapshot()
        {
            lock (Calls) return Calls.ToList();
        }

        public Task<TaskReport> RunTaskAsync(string silo, TaskSpec task)
        {
            lock (Calls)
            {
                Calls.Add((silo, task));
                foreach (var wait in _waits.Where(w => Calls.Count >= w.Count)) wait.Reached.TrySetResult();
            }
            return Run(silo, task);
        }

        public int SaveCount { get; private set; }

        public Task SaveAsync()
        {
            SaveCount++;
            return Task.CompletedTask;
        }

        public void Publish(JobEventType type, int? stageIndex, string? message)
        {
        }
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public DateTimeOffset Now { get; set; }

        public ManualClock() => Now = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
