using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Execution.Aggregation;

internal static class AccumulatorFactory
{
    public static Accumulator Create(AggregateCall call)
    {
        Accumulator a = call.Function switch
        {
            AggregateFunction.CountStar => new CountAccumulator(true),
            AggregateFunction.Count => new CountAccumulator(false),
            AggregateFunction.Sum => new SumAccumulator(call.Type),
            AggregateFunction.Avg => new AvgAccumulator(call.Argument!.Type),
            AggregateFunction.Min => new MinMaxAccumulator(call.Type, false),
            _ => new MinMaxAccumulator(call.Type, true),
        };
        return call.Distinct ? new DistinctAccumulator(a, call.Argument!.Type) : a;
    }
}
