namespace OrleansFlow.Datagen.Tests;

/// <summary>TPC-H at SF 0.05, generated once for all TPC-H tests, with DuckDB views over it.</summary>
public sealed class TpchFixture : IDisposable
{
    public const double ScaleFactor = 0.05;
    private readonly TempFolder _dir = new("tpch");

    public TpchFixture()
    {
        Result = TpchGenerator.GenerateAsync(ScaleFactor, _dir.Path, seed: 7).GetAwaiter().GetResult();
        Db = new DuckDbSession(_dir.Path, TpchGenerator.Tables);
    }

    public DatagenResult Result { get; }
    internal DuckDbSession Db { get; }

    public void Dispose()
    {
        Db.Dispose();
        _dir.Dispose();
    }
}
