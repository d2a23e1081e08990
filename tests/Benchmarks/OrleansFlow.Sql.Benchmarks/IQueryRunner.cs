namespace OrleansFlow.Sql.Benchmarks;

/// <summary>
/// One way of answering queries over one data directory (DuckDB, the engine in process, the fabric...). The
/// benchmark times <see cref="Run"/> and gives each runner a column of its table, so a new runner is one new class
/// and one line in <c>Program.cs</c>'s list of runner factories.
/// </summary>
public interface IQueryRunner : IDisposable
{
    /// <summary>Column header, e.g. "DuckDB (2 threads)".</summary>
    string Name { get; }

    /// <summary>Runs the query to completion and returns the number of result rows.</summary>
    long Run(string sql);

    /// <summary>
    /// CPU time used so far by every process that answers this runner's queries: this process, plus the silo
    /// processes for a runner that sends its queries to them.
    /// </summary>
    TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
