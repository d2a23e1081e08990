using Apache.Arrow;

namespace OrleansFlow.Sql.Physical;

/// <summary>Where a stage task writes its output: Arrow batches addressed to a consumer partition of an exchange.</summary>
public interface IExchangeSink
{
    void Write(int exchangeId, int partition, RecordBatch batch);
}

/// <summary>Where a stage task reads an input exchange: all batches addressed to one consumer partition.</summary>
public interface IExchangeSource
{
    IEnumerable<RecordBatch> Read(int exchangeId, int partition);
}
