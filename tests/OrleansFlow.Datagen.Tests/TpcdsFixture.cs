namespace OrleansFlow.Datagen.Tests;

/// <summary>TPC-DS at SF 0.1, generated once for all TPC-DS tests, with DuckDB views over it.</summary>
public sealed class TpcdsFixture : IDisposable
{
    public const double ScaleFactor = 0.1;
    private readonly TempFolder _dir = new("tpcds");

    public TpcdsFixture()
    {
        Result = TpcdsGenerator.GenerateAsync(ScaleFactor, _dir.Path, seed: 3).GetAwaiter().GetResult();
        Db = new DuckDbSession(_dir.Path, TpcdsGenerator.Tables);
    }

    public DatagenResult Result { get; }
    internal DuckDbSession Db { get; }

    public void Dispose()
    {
        Db.Dispose();
        _dir.Dispose();
    }
}
