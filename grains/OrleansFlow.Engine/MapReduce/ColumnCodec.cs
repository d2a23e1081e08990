using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace OrleansFlow.Engine.MapReduce;

/// <summary>Moves values of one supported .NET type in and out of an Arrow column, and formats them as text.</summary>
internal interface IColumnCodec<T>
{
    IArrowType ArrowType { get; }
    IArrowArray Build(IReadOnlyList<T> values);
    T Get(IArrowArray array, int index);
    string Format(T value);
    IComparer<T> Comparer { get; }
}

internal static class ColumnCodec
{
    public static IColumnCodec<T> For<T>() => (IColumnCodec<T>)(object)(typeof(T) switch
    {
        var t when t == typeof(string) => new StringCodec(),
        var t when t == typeof(long) => new Int64Codec(),
        var t when t == typeof(int) => new Int32Codec(),
        var t when t == typeof(double) => new DoubleCodec(),
        _ => throw new NotSupportedException(
            $"Type {typeof(T).Name} cannot be a MapReduce key or value; use string, long, int or double."),
    });

    private sealed class StringCodec : IColumnCodec<string>
    {
        public IArrowType ArrowType => StringType.Default;
        public IComparer<string> Comparer => StringComparer.Ordinal;
        public IArrowArray Build(IReadOnlyList<string> values)
        {
            var builder = new StringArray.Builder();
            foreach (var v in values) builder.Append(v);
            return builder.Build();
        }
        public string Get(IArrowArray array, int index) => ((StringArray)array).GetString(index);
        public string Format(string value) => value;
    }

    private sealed class Int64Codec : IColumnCodec<long>
    {
        public IArrowType ArrowType => Int64Type.Default;
        public IComparer<long> Comparer => Comparer<long>.Default;
        public IArrowArray Build(IReadOnlyList<long> values)
        {
            var builder = new Int64Array.Builder().Reserve(values.Count);
            foreach (var v in values) builder.Append(v);
            return builder.Build();
        }
        public long Get(IArrowArray array, int index) => ((Int64Array)array).GetValue(index)!.Value;
        public string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Int32Codec : IColumnCodec<int>
    {
        public IArrowType ArrowType => Int32Type.Default;
        public IComparer<int> Comparer => Comparer<int>.Default;
        public IArrowArray Build(IReadOnlyList<int> values)
        {
            var builder = new Int32Array.Builder().Reserve(values.Count);
            foreach (var v in values) builder.Append(v);
            return builder.Build();
        }
        public int Get(IArrowArray array, int index) => ((Int32Array)array).GetValue(index)!.Value;
        public string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class DoubleCodec : IColumnCodec<double>
    {
        public IArrowType ArrowType => DoubleType.Default;
        public IComparer<double> Comparer => Comparer<double>.Default;
        public IArrowArray Build(IReadOnlyList<double> values)
        {
            var builder = new DoubleArray.Builder().Reserve(values.Count);
            foreach (var v in values) builder.Append(v);
            return builder.Build();
        }
        public double Get(IArrowArray array, int index) => ((DoubleArray)array).GetValue(index)!.Value;
        public string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
