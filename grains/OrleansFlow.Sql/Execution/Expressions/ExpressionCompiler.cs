using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>
/// Turns a bound expression into a function from a batch to a result vector, resolving column ids to
/// positions once. Subqueries run on first use and their result is reused for every later batch.
/// </summary>
public sealed class ExpressionCompiler(ColumnLayout layout, ISubqueryRunner subqueries)
{
    public Func<Batch, Vector> Compile(BoundExpr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (e)
        {
            case BoundColumn c:
            {
                int p = layout.PositionOf(c);
                return b => b.Columns[p];
            }
            case BoundConstant k:
                return b => Vector.Constant(k.Type, k.Value, b.RowCount);
            case BoundOuterColumn o:
                throw new NotSupportedException($"correlated subqueries are not supported yet (reference to outer column {o.Name})");
            case BoundCast cast:
            {
                var operand = Compile(cast.Operand);
                return b => CastKernel.Cast(operand(b), cast.Type);
            }
            case BoundUnary u:
            {
                var operand = Compile(u.Operand);
                return u.Op == UnaryOp.Not ? b => LogicKernels.Not(operand(b)) : b => ArithmeticKernels.Negate(operand(b));
            }
            case BoundBinary bin:
                return CompileBinary(bin);
            case BoundIsNull isNull:
            {
                var operand = Compile(isNull.Operand);
                return b =>
                {
                    var v = operand(b);
                    var res = new long[v.Length];
                    for (int i = 0; i < res.Length; i++) res[i] = v.IsNull(i) != isNull.Negated ? 1 : 0;
                    return new Vector(SqlType.Boolean, res, null);
                };
            }
            case BoundLike like:
                return CompileLike(like);
            case BoundInList inList:
                return CompileInList(inList);
            case BoundCase c:
                return CompileCase(c);
            case BoundFunction f:
            {
                var args = f.Args.Select(Compile).ToArray();
                return b =>
                {
                    var values = new Vector[args.Length];
                    for (int i = 0; i < args.Length; i++) values[i] = args[i](b);
                    return ScalarFunctions.Evaluate(f.Name, values, f.Type, b.RowCount);
                };
            }
            case BoundScalarSubquery s:
            {
                object? value = null;
                bool done = false;
                return b =>
                {
                    if (!done)
                    {
                        var result = subqueries.Run(s.Plan);
                        if (result.RowCount > 1)
                            throw new SqlExecutionException($"a scalar subquery returned {result.RowCount} rows; it must return at most one");
                        value = result.RowCount == 0 || result[0].IsNull(0) ? null : CastKernel.StorageValue(result[0], 0);
                        done = true;
                    }
                    return Vector.Constant(s.Type, value, b.RowCount);
                };
            }
            case BoundInSubquery inSub:
            {
                var operand = Compile(inSub.Operand);
                ValueSet? set = null;
                return b =>
                {
                    if (set is null)
                    {
                        var rows = subqueries.Run(inSub.Plan);
                        set = new ValueSet(inSub.Operand.Type);
                        set.AddAll(rows[0]);
                    }
                    return set.Probe(operand(b), inSub.Negated);
                };
            }
            case BoundExists exists:
            {
                long? value = null;
                return b =>
                {
                    value ??= (subqueries.Run(exists.Plan).RowCount > 0) != exists.Negated ? 1 : 0;
                    return Vector.Constant(SqlType.Boolean, value.Value, b.RowCount);
                };
            }
            default:
                throw new NotSupportedException($"expression {e} cannot be executed");
        }
    }

    /// <summary>
    /// A filter or join condition. As DuckDB filters, the right side of AND (OR) counts only for the rows the left
    /// side leaves undecided: an error there in a row already ruled out is no error. In a select list both sides
    /// are evaluated for every row, also as in DuckDB.
    /// </summary>
    public Func<Batch, Vector> CompilePredicate(BoundExpr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (e is not BoundBinary { Op: BinaryOp.And or BinaryOp.Or } bin) return Compile(e);
        var left = CompilePredicate(bin.Left);
        var right = CompilePredicate(bin.Right);
        if (bin.Op == BinaryOp.And)
        {
            return b =>
            {
                var l = left(b);
                return LogicKernels.And(l, EvaluateWhere(right, b, i => l.IsNull(i) || l.Longs[i] != 0));
            };
        }
        return b =>
        {
            var l = left(b);
            return LogicKernels.Or(l, EvaluateWhere(right, b, i => l.IsNull(i) || l.Longs[i] == 0));
        };
    }

    private Func<Batch, Vector> CompileBinary(BoundBinary bin)
    {
        var left = Compile(bin.Left);
        var right = Compile(bin.Right);
        switch (bin.Op)
        {
            case BinaryOp.And: return b => LogicKernels.And(left(b), right(b));
            case BinaryOp.Or: return b => LogicKernels.Or(left(b), right(b));
            case BinaryOp.Concat:
                return b =>
                {
                    var l = left(b);
                    var r = right(b);
                    var res = new string?[l.Length];
                    var nulls = NullMasks.Union(l.Nulls, r.Nulls, l.Length);
                    for (int i = 0; i < res.Length; i++) if (nulls is null || !nulls[i]) res[i] = l.Strings[i] + r.Strings[i];
                    return new Vector(SqlType.Varchar, res, nulls);
                };
        }
        if (bin.IsComparison) return b => ComparisonKernels.Compare(bin.Op, left(b), right(b));
        return b => ArithmeticKernels.Apply(bin.Op, left(b), right(b), bin.Type);
    }

    /// <summary>
    /// <paramref name="f"/> for the rows where <paramref name="needed"/> holds (the others may come back NULL), as
    /// DuckDB evaluates each CASE branch (and the right side of AND/OR in a filter) only on the rows that need it. The whole batch
    /// goes first, vectorised and usually right; only when that raises a run-time error (an overflow or a bad cast,
    /// possibly in a row that does not need the value) is it evaluated again on just the needed rows.
    /// </summary>
    private static Vector EvaluateWhere(Func<Batch, Vector> f, Batch b, Func<int, bool> needed)
    {
        try
        {
            return f(b);
        }
        catch (SqlExecutionException)
        {
            var rows = new List<int>();
            for (int i = 0; i < b.RowCount; i++) if (needed(i)) rows.Add(i);
            if (rows.Count == b.RowCount) throw;
            var partial = f(b.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows)));
            var positions = new int[b.RowCount];
            Array.Fill(positions, -1);
            for (int j = 0; j < rows.Count; j++) positions[rows[j]] = j;
            return partial.Gather(positions);
        }
    }

    private Func<Batch, Vector> CompileLike(BoundLike like)
    {
        var operand = Compile(like.Operand);
        if (like.Pattern is BoundConstant { Value: string pattern })
        {
            var matcher = new LikeMatcher(pattern);
            return b => MatchAll(operand(b), _ => matcher, like.Negated, b.RowCount);
        }
        if (like.Pattern is BoundConstant) return b => Vector.Constant(SqlType.Boolean, null, b.RowCount);
        var patterns = Compile(like.Pattern);
        var cache = new Dictionary<string, LikeMatcher>(StringComparer.Ordinal);
        LikeMatcher MatcherFor(string pattern) =>
            cache.TryGetValue(pattern, out var m) ? m : cache[pattern] = new LikeMatcher(pattern);
        return b =>
        {
            var p = patterns(b);
            return MatchAll(operand(b), i => p.IsNull(i) ? null : MatcherFor(p.Strings[i]!), like.Negated, b.RowCount);
        };
    }

    private static Vector MatchAll(Vector x, Func<int, LikeMatcher?> matcherFor, bool negated, int n)
    {
        var res = new long[n];
        bool[]? nulls = NullMasks.Copy(x.Nulls);
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            var m = matcherFor(i);
            if (m is null) { (nulls ??= new bool[n])[i] = true; continue; }
            res[i] = m.IsMatch(x.Strings[i]!) != negated ? 1 : 0;
        }
        return new Vector(SqlType.Boolean, res, nulls);
    }

    private Func<Batch, Vector> CompileInList(BoundInList inList)
    {
        var operand = Compile(inList.Operand);
        if (inList.Items.All(i => i is BoundConstant))
        {
            var set = new ValueSet(inList.Operand.Type);
            foreach (var item in inList.Items) set.AddAll(Vector.Constant(item.Type, ((BoundConstant)item).Value, 1));
            return b => set.Probe(operand(b), inList.Negated);
        }
        // x IN (a, b) is x = a OR x = b under three-valued logic.
        var items = inList.Items.Select(Compile).ToArray();
        return b =>
        {
            var x = operand(b);
            Vector? acc = null;
            foreach (var item in items)
            {
                var eq = ComparisonKernels.Compare(BinaryOp.Eq, x, item(b));
                acc = acc is null ? eq : LogicKernels.Or(acc, eq);
            }
            return inList.Negated ? LogicKernels.Not(acc!) : acc!;
        };
    }

    private Func<Batch, Vector> CompileCase(BoundCase c)
    {
        var conditions = c.Conditions.Select(Compile).ToArray();
        var results = c.Results.Select(Compile).ToArray();
        var otherwise = Compile(c.Else);
        return b =>
        {
            int n = b.RowCount;
            var chosen = new int[n];
            Array.Fill(chosen, -1);
            int undecided = n;
            for (int k = 0; k < conditions.Length && undecided > 0; k++)
            {
                var cond = EvaluateWhere(conditions[k], b, i => chosen[i] < 0);
                for (int i = 0; i < n; i++)
                {
                    if (chosen[i] < 0 && cond.Longs[i] != 0 && !cond.IsNull(i)) { chosen[i] = k; undecided--; }
                }
            }
            var values = new Vector[conditions.Length + 1];
            var result = new Vector(c.Type, n);
            for (int i = 0; i < n; i++)
            {
                int k = chosen[i] < 0 ? conditions.Length : chosen[i];
                int branch = k;
                var v = values[k] ??= EvaluateWhere(k == conditions.Length ? otherwise : results[k], b,
                    row => (chosen[row] < 0 ? conditions.Length : chosen[row]) == branch);
                result.CopyFrom(v, i, i);
            }
            return result;
        };
    }
}
