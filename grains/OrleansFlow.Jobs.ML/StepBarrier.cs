namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Who has pushed which step of the current epoch, for one parameter shard. Used from the grain's turns only
/// (single-threaded), so it needs no locks. BSP waits on the shared step; asynchronous mode on per-worker clocks.
/// </summary>
internal sealed class StepBarrier
{
    private readonly HashSet<int> _arrived = [];
    private readonly HashSet<int> _finished = [];
    private int[] _clocks = [];
    private TaskCompletionSource _changed = NewSignal();

    public int Epoch { get; private set; }

    /// <summary>BSP: the step being collected (steps before it are applied).</summary>
    public int Step { get; private set; }

    public bool AllFinished => _finished.Count == _clocks.Length;

    public int FinishedCount => _finished.Count;

    /// <summary>The last epoch every worker finished and the shard checkpointed.</summary>
    public int CompletedEpoch { get; private set; }

    /// <summary>BSP: every worker still in the epoch has pushed the current step.</summary>
    public bool StepComplete => _arrived.Count > 0 && _arrived.Count + _finished.Count == _clocks.Length;

    public void Reset(int workers, int epoch)
    {
        _clocks = new int[workers];
        Epoch = epoch;
        CompletedEpoch = epoch - 1;
        ClearEpoch();
    }

    /// <summary>The first call for a later epoch starts it (the job only starts an epoch after the last one ended);
    /// true when this call did.</summary>
    public bool EnterEpoch(int epoch)
    {
        if (epoch <= Epoch)
            return false;
        Epoch = epoch;
        ClearEpoch();
        return true;
    }

    /// <summary>A push from a past epoch, from a worker that already finished, or of a step already applied.</summary>
    public bool IsStale(int epoch, int worker, int step, bool bsp) =>
        epoch < Epoch || _finished.Contains(worker) || (bsp ? step < Step : step < ClockOf(worker));

    /// <summary>BSP: records the worker's push of the current step; false if it already pushed it (a retry).</summary>
    public bool Arrive(int worker) => _arrived.Add(worker);

    public void NextStep()
    {
        Step++;
        _arrived.Clear();
        Signal();
    }

    public Task WaitForStepAfter(int step) => WaitUntil(() => Step > step);

    /// <summary>Asynchronous: the worker has pushed <paramref name="step"/>.</summary>
    public void Advance(int worker, int step)
    {
        CheckWorker(worker);
        _clocks[worker] = Math.Max(_clocks[worker], step + 1);
        Signal();
    }

    /// <summary>Asynchronous: wait while the pusher is more than <paramref name="staleness"/> steps ahead of the slowest unfinished worker.</summary>
    public Task WaitUntilWithin(int step, int staleness) => WaitUntil(() => step + 1 - SlowestClock() <= staleness);

    /// <summary>The worker has no more batches this epoch; false if it had already said so.</summary>
    public bool Finish(int epoch, int worker)
    {
        CheckWorker(worker);
        if (epoch < Epoch || !_finished.Add(worker))
            return false;
        _arrived.Remove(worker);
        Signal();
        return true;
    }

    /// <summary>The epoch is complete (all finished, checkpoint stored): releases the workers waiting for it.</summary>
    public void CompleteEpoch(int epoch)
    {
        CompletedEpoch = Math.Max(CompletedEpoch, epoch);
        Signal();
    }

    public Task WaitForEpochEnd(int epoch) => WaitUntil(() => CompletedEpoch >= epoch);

    private int SlowestClock()
    {
        var slowest = int.MaxValue;
        for (var w = 0; w < _clocks.Length; w++)
        {
            if (!_finished.Contains(w))
                slowest = Math.Min(slowest, _clocks[w]);
        }
        return slowest;
    }

    private int ClockOf(int worker)
    {
        CheckWorker(worker);
        return _clocks[worker];
    }

    private void CheckWorker(int worker)
    {
        if ((uint)worker >= (uint)_clocks.Length)
            throw new ArgumentOutOfRangeException(nameof(worker), worker, $"The shard expects workers 0..{_clocks.Length - 1}.");
    }

    private async Task WaitUntil(Func<bool> condition)
    {
        while (!condition())
            await _changed.Task;
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }

    private void ClearEpoch()
    {
        Step = 0;
        _arrived.Clear();
        _finished.Clear();
        Array.Clear(_clocks);
        Signal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
