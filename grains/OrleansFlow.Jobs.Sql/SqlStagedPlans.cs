using System.Collections.Concurrent;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Jobs.Sql;

/// <summary>
/// The staged plan of each recent SQL job on this silo. Every task of a job plans the same stages (planning is
/// deterministic for the job's query, data and options), and planning query 77 costs ≈ 2 ms — more than many of its
/// tasks — so a silo plans once per job and its tasks share the plan. A few recent jobs are kept; the oldest go first.
/// </summary>
public sealed class SqlStagedPlans(SqlCatalogCache catalogs)
{
    private const int Capacity = 16;

    private readonly ConcurrentDictionary<string, Lazy<SqlJobPlan>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrival = new();

    /// <summary>The job's catalog and stages; call off grain schedulers (the first call reads files and plans).</summary>
    public SqlJobPlan Get(string jobId, SqlTaskArgs args)
    {
        var added = false;
        var plan = _plans.GetOrAdd(jobId, _ =>
        {
            added = true;
            return new Lazy<SqlJobPlan>(() =>
            {
                var catalog = catalogs.Get(args.DataDirectory);
                return new SqlJobPlan(catalog, SqlEngine.PlanStages(args.Query, catalog, args.Options));
            });
        });
        if (added)
        {
            _arrival.Enqueue(jobId);
            while (_arrival.Count > Capacity && _arrival.TryDequeue(out var oldest)) _plans.TryRemove(oldest, out _);
        }
        try
        {
            return plan.Value;
        }
        catch
        {
            _plans.TryRemove(jobId, out _); // a failed plan (bad query, missing data) is not kept: a retry plans again
            throw;
        }
    }
}

/// <summary>A SQL job's catalog and staged plan, as every one of its tasks sees them.</summary>
public sealed record SqlJobPlan(TableCatalog Catalog, StagedQuery Staged);
