using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Execution;

/// <summary>Derives row-group pruning predicates ("column op constant") from a scan's pushed-down filters.</summary>
public static class ScanPruning
{
    public static List<ScanPredicate> Derive(ScanNode scan)
    {
        var result = new List<ScanPredicate>();
        foreach (var filter in scan.Filters)
        {
            foreach (var conjunct in ExprUtil.SplitConjuncts(filter))
            {
                if (conjunct is not BoundBinary { IsComparison: true } cmp || cmp.Op == BinaryOp.NotEq) continue;
                var (column, constant, op) = (cmp.Left, cmp.Right) switch
                {
                    (BoundColumn c, BoundConstant k) => (c, k, cmp.Op),
                    (BoundConstant k, BoundColumn c) => (c, k, Flip(cmp.Op)),
                    _ => (null, null, cmp.Op),
                };
                if (column is null || constant?.Value is null) continue;
                int position = scan.Columns.ToList().FindIndex(c => c.Id == column.Id);
                if (position < 0) continue;
                var comparison = op switch
                {
                    BinaryOp.Eq => ScanComparison.Eq,
                    BinaryOp.Lt => ScanComparison.Lt,
                    BinaryOp.LtEq => ScanComparison.LtEq,
                    BinaryOp.Gt => ScanComparison.Gt,
                    _ => ScanComparison.GtEq,
                };
                result.Add(new ScanPredicate(scan.TableColumns[position], comparison, constant.Value));
            }
        }
        return result;
    }

    private static BinaryOp Flip(BinaryOp op) => op switch
    {
        BinaryOp.Lt => BinaryOp.Gt,
        BinaryOp.LtEq => BinaryOp.GtEq,
        BinaryOp.Gt => BinaryOp.Lt,
        BinaryOp.GtEq => BinaryOp.LtEq,
        _ => op,
    };
}
