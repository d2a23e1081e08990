using OrleansFlow.Fabric.Execution;

namespace OrleansFlow.Tests.Execution;

/// <summary>The meter behind every task's CPU bill, without a cluster: CPU burnt by the work it runs, measured by the
/// same thread clock the work burns against, is on the meter once the work has been awaited.</summary>
public sealed class CpuMeteredSchedulerTests
{
    [Fact]
    public async Task Cpu_burnt_in_pieces_across_awaits_is_all_counted_once_the_work_is_awaited()
    {
        // The last piece completes the work from inside the meter; the awaiting side must still see its CPU.
        // Many short rounds give that hand-over many chances to go wrong.
        var piece = TimeSpan.FromMilliseconds(1);
        for (var round = 0; round < 100; round++)
        {
            var meter = new CpuMeteredScheduler();
            var burnt = await Task.Factory.StartNew(() => BurnInPieces(piece, pieces: 3), CancellationToken.None, TaskCreationOptions.DenyChildAttach, meter).Unwrap();

            var counted = meter.SettledCpuTime(TimeSpan.FromSeconds(5));

            Assert.True(counted >= burnt, $"round {round}: burnt {burnt.TotalMilliseconds} ms, metered {counted.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Work_sent_to_the_default_scheduler_is_not_counted()
    {
        var meter = new CpuMeteredScheduler();
        await Task.Factory.StartNew(() => Task.Run(() => BurnInPieces(TimeSpan.FromMilliseconds(20), pieces: 1)), CancellationToken.None, TaskCreationOptions.DenyChildAttach, meter).Unwrap();

        Assert.True(meter.SettledCpuTime(TimeSpan.FromSeconds(5)) < TimeSpan.FromMilliseconds(20));
    }

    private static async Task<TimeSpan> BurnInPieces(TimeSpan piece, int pieces)
    {
        long total = 0;
        for (var i = 0; i < pieces; i++)
        {
            await Task.Yield();
            var start = ThreadCpuClock.Nanoseconds();
            while (ThreadCpuClock.Nanoseconds() - start < piece.TotalNanoseconds)
            {
            }
            total += ThreadCpuClock.Nanoseconds() - start;
        }
        return TimeSpan.FromTicks(total / 100);
    }
}
