using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Fabric.Jobs;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.MapReduce;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Jobs.Sort;
using OrleansFlow.Jobs.Sql;

namespace OrleansFlow.Tests.Limits;

/// <summary>
/// Each planner refuses a plan above its silo's limits before it allocates one, with one line naming the limit, the
/// value asked for and the setting that changes it; at the limit it plans as before.
/// </summary>
public sealed class PlannerLimitsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static PlanningContext Context(PlanLimits? limits = null) =>
        new("job-1", 42, LiveSilos: 2, SlotsPerSilo: 2, Path.GetTempPath()) { Limits = limits ?? PlanLimits.Default };

    private static JobSpec Spec(JobArgs args) => new() { Name = "limits", Args = args };

    private string TextInput(int bytes) => _folder.File("in/a.txt", new string('a', bytes - 1) + "\n");

    private static MapReduceArgs WordCount(string input, long splitSize = 0, int reducers = 0) => new()
    {
        Inputs = [input], ProgramType = typeof(WordCountJob).FullName!, SplitSizeBytes = splitSize, Reducers = reducers,
    };

    [Fact]
    public void MapReduce_refuses_a_split_size_below_the_minimum()
    {
        var error = Assert.Throws<PlanLimitException>(() => new MapReducePlanner().Plan(Spec(WordCount(TextInput(10_000), splitSize: 1)), Context()));
        Assert.Equal("--split-size 1 bytes is below the minimum split size of 4096 bytes (lower the silo setting min-split-size)", error.Message);
    }

    [Fact]
    public void MapReduce_counts_its_map_tasks_before_making_them()
    {
        var limits = PlanLimits.Default with { MinSplitBytes = 1 };
        var error = Assert.Throws<PlanLimitException>(() =>
            new MapReducePlanner().Plan(Spec(WordCount(TextInput(4_400_000), splitSize: 1)), Context(limits)));
        Assert.Equal("the map stage would have 4400000 tasks, more than the limit of 100000 tasks per stage " +
                     "(use a larger --split-size, or raise the silo setting max-tasks-per-stage)", error.Message);

        // At the limit exactly, the plan is made.
        var plan = new MapReducePlanner().Plan(Spec(WordCount(TextInput(1000), splitSize: 10)), Context(limits with { MaxTasksPerStage = 100 }));
        Assert.Equal(100, plan.Stages[0].Tasks.Count);
    }

    [Fact]
    public void MapReduce_refuses_more_reducers_than_the_partition_limit()
    {
        var error = Assert.Throws<PlanLimitException>(() => new MapReducePlanner().Plan(Spec(WordCount(TextInput(100), reducers: 100_000)), Context()));
        Assert.Equal("--reducers 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", error.Message);
        Assert.Equal(10_000, new MapReducePlanner().Plan(Spec(WordCount(TextInput(100), reducers: 10_000)), Context()).Stages[1].Tasks.Count);
    }

    [Fact]
    public void Sort_refuses_too_many_reducers_a_tiny_split_and_too_many_map_tasks()
    {
        var input = _folder.File("records/part-0", new string('k', 100 * 1000)); // 1000 records
        var planner = new SortPlanner();
        var reducers = Assert.Throws<PlanLimitException>(() => planner.Plan(Spec(new SortArgs { Inputs = [input], Reducers = 100_000 }), Context()));
        Assert.Equal("--reducers 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", reducers.Message);

        var split = Assert.Throws<PlanLimitException>(() => planner.Plan(Spec(new SortArgs { Inputs = [input], SplitSizeBytes = 100 }), Context()));
        Assert.StartsWith("--split-size 100 bytes is below the minimum split size of 4096 bytes", split.Message);

        var limits = PlanLimits.Default with { MinSplitBytes = 1, MaxTasksPerStage = 999 };
        var tasks = Assert.Throws<PlanLimitException>(() => planner.Plan(Spec(new SortArgs { Inputs = [input], SplitSizeBytes = 100 }), Context(limits)));
        Assert.StartsWith("the map stage would have 1000 tasks, more than the limit of 999 tasks per stage", tasks.Message);
    }

    [Fact]
    public void Sql_refuses_too_many_partitions_and_plans_with_the_silos_nesting_limit()
    {
        var data = _folder.Sub("data");
        _folder.File("data/t/part-0.csv", "x\n1\n2\n");
        var planner = new SqlPlanner(new SqlCatalogCache());

        var partitions = Assert.Throws<PlanLimitException>(() =>
            planner.Plan(Spec(new SqlArgs { Query = "select x from t", DataDirectory = data, Partitions = 100_000 }), Context()));
        Assert.Equal("--partitions 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", partitions.Message);

        var shallow = PlanLimits.Default with { MaxQueryNesting = 4 };
        var nested = Assert.Throws<ArgumentException>(() =>
            planner.Plan(Spec(new SqlArgs { Query = "select ((((((x)))))) from t", DataDirectory = data }), Context(shallow)));
        Assert.Equal("expression nested too deeply at line 1, column 11 (limit 4)", nested.Message);

        // The tasks carry the limit, so that each silo re-plans them as the job was planned.
        var plan = planner.Plan(Spec(new SqlArgs { Query = "select ((x)) from t", DataDirectory = data }), Context(shallow));
        Assert.All(plan.Stages.SelectMany(s => s.Tasks), t => Assert.Equal(4, t.ArgsAs<SqlTaskArgs>().Options.Limits.MaxNestingDepth));
    }

    [Fact]
    public void A_stage_builder_refuses_the_task_past_the_limit()
    {
        var context = Context(PlanLimits.Default with { MaxTasksPerStage = 2 });
        var stage = new StageBuilder(context, "noop", StageRole.Map, 0, Abstractions.Memory.ShuffleStoreKind.Memory);
        stage.Add("noop", new NoopTaskArgs()).Add("noop", new NoopTaskArgs());
        var error = Assert.Throws<PlanLimitException>(() => stage.Add("noop", new NoopTaskArgs()));
        Assert.StartsWith("the noop stage would have 3 tasks, more than the limit of 2 tasks per stage", error.Message);
    }

    [Fact]
    public void Ml_counts_its_epoch_stages_before_making_them()
    {
        var planner = new MlPlanner(new SqlPlanner(new SqlCatalogCache()), new SqlCatalogCache());
        var args = new MlArgs { Model = "linreg", Source = "generate", Rows = 100, Features = 2, Epochs = 1_000_000 };
        var error = Assert.Throws<PlanLimitException>(() => planner.Plan(Spec(args), Context()));
        Assert.Equal("--epochs 1000000 would make 1000001 stages, more than the limit of 10000 stages per job (raise the silo setting max-stages)", error.Message);
        Assert.Equal(10_000, planner.Plan(Spec(args with { Epochs = 9_999 }), Context()).Stages.Count);
    }

    [Theory]
    [InlineData(0, 1, 1, 1, "MaxTasksPerStage must be at least 1 (was 0).")]
    [InlineData(1, 0, 1, 1, "MaxPartitions must be at least 1 (was 0).")]
    [InlineData(1, 1, 0, 1, "MinSplitBytes must be at least 1 (was 0).")]
    [InlineData(1, 1, 1, 0, "MaxQueryNesting must be at least 1 (was 0).")]
    public void Limits_below_one_are_refused_at_silo_start(int tasks, int partitions, long split, int nesting, string message)
    {
        var limits = new PlanLimits { MaxTasksPerStage = tasks, MaxPartitions = partitions, MinSplitBytes = split, MaxQueryNesting = nesting };
        Assert.Equal(message, Assert.Throws<ArgumentException>(limits.Validate).Message);
    }
}
