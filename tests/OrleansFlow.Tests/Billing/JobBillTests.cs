using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.Billing;

/// <summary>Every attempt of a job is on its bill: wall time, the CPU of the threads that ran it, time queued.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobBillTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_task_that_burns_a_known_amount_of_cpu_is_billed_that_cpu_within_ten_percent()
    {
        var burn = TimeSpan.FromMilliseconds(200);
        var job = await fixture.Client.SubmitAsync(new NoopArgs { Tasks = 3, BurnCpu = burn });
        var result = await job.WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        Assert.Equal(3, result.Tasks.Count);
        // The burn is spread over four pieces with an await between them: the meter must add up every piece,
        // whichever thread ran it, and count none twice.
        Assert.All(result.Tasks, t => Assert.True(t.CpuTime.TotalMilliseconds is >= 200 and <= 220, $"task {t.TaskIndex} on {t.Silo}: CPU {t.CpuTime.TotalMilliseconds} ms"));
        Assert.InRange(result.Bill.CpuMilliseconds, 600, 660);
        Assert.All(result.Tasks, t => Assert.True(t.Duration >= t.CpuTime, $"wall {t.Duration} < CPU {t.CpuTime}"));
    }

    [Fact]
    public async Task A_failed_attempt_stays_on_the_bill_beside_the_retry_that_succeeded()
    {
        var marker = Path.Combine(_folder.Path, "marker");
        var input = _folder.File("in/a.txt", $"x y z\nFAIL-ONCE {marker}\ny z\n");

        var result = await (await fixture.Client.SubmitMapReduceAsync<FailOnceWordCount>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
        })).WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        var failed = Assert.Single(result.OtherAttempts);
        Assert.Equal(TaskFailureKind.TaskError, failed.Failure?.Kind);
        Assert.Contains("flaky map: first attempt fails", failed.Error);
        Assert.Contains(result.Tasks, t => t.Stage == failed.Stage && t.TaskIndex == failed.TaskIndex && t.Attempt > failed.Attempt);

        var all = result.Tasks.Concat(result.OtherAttempts).ToList();
        Assert.Equal(all.Count, result.Bill.Attempts);
        Assert.Equal(1, result.Bill.WastedAttempts);
        Assert.Equal(all.Sum(a => (long)Math.Ceiling(a.Duration.TotalMilliseconds)), result.Bill.TaskMilliseconds);
        Assert.Equal(all.Sum(a => (long)Math.Ceiling(a.CpuTime.TotalMilliseconds)), result.Bill.CpuMilliseconds);
        Assert.True(failed.Duration > TimeSpan.Zero);
    }

    public void Dispose() => _folder.Dispose();
}
