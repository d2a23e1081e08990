using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Decimals kept as unscaled integers (as read from Parquet) give exactly what the same values as System.Decimal
/// give, through every kernel that has an integer path, including the cases that must fall back.
/// </summary>
public sealed class UnscaledDecimalTests
{
    private static readonly SqlType Money = SqlType.Decimal(15, 2);
    private static readonly long[] Cents = [12345, -1, 0, 999_999_999_999_999, -500, 2400, 7, long.MaxValue / 1000];
    private static readonly bool[] Nulls = [false, false, true, false, false, false, false, false];

    private static Vector Unscaled() => Vector.FromUnscaledDecimals(Money, (long[])Cents.Clone(), (bool[])Nulls.Clone());

    private static Vector Materialized() =>
        new(Money, Cents.Select(c => c / 100m).ToArray(), (bool[])Nulls.Clone());

    [Fact]
    public void Values_gather_slice_and_concat_match()
    {
        Assert.Equal(Values(Materialized()), Values(Unscaled()));
        int[] rows = [7, -1, 2, 0, 0, 3];
        Assert.Equal(Values(Materialized().Gather(rows)), Values(Unscaled().Gather(rows)));
        Assert.Equal(Values(Materialized().Slice(2, 5)), Values(Unscaled().Slice(2, 5)));
        Assert.Equal(Values(Vector.Concat(Money, [Materialized(), Materialized()])), Values(Vector.Concat(Money, [Unscaled(), Unscaled()])));
        Assert.Equal(Values(Vector.Concat(Money, [Materialized(), Materialized()])), Values(Vector.Concat(Money, [Unscaled(), Materialized()])));
    }

    [Theory]
    [InlineData(BinaryOp.Eq)]
    [InlineData(BinaryOp.NotEq)]
    [InlineData(BinaryOp.Lt)]
    [InlineData(BinaryOp.LtEq)]
    [InlineData(BinaryOp.Gt)]
    [InlineData(BinaryOp.GtEq)]
    public void Comparisons_with_a_constant_of_another_scale_match(BinaryOp op)
    {
        // 24 (scale 0) against cents; 123.455 (scale 3) cannot be held at scale 2 exactly: the fallback.
        foreach (var constant in new[] { 24m, 123.45m, 123.455m, -0.01m })
        {
            var other = Vector.Constant(SqlType.Decimal(18, 3), constant, Cents.Length);
            Assert.Equal(Values(ComparisonKernels.Compare(op, Materialized(), other)), Values(ComparisonKernels.Compare(op, Unscaled(), other)));
        }
    }

    [Theory]
    [InlineData(BinaryOp.Add, 2)]
    [InlineData(BinaryOp.Subtract, 3)]
    [InlineData(BinaryOp.Multiply, 4)]
    public void Arithmetic_matches_including_overflow_fallback(BinaryOp op, int scale)
    {
        var resultType = SqlType.Decimal(38, scale);
        var constant = Vector.Constant(Money, 0.07m, Cents.Length);
        Assert.Equal(Values(ArithmeticKernels.Apply(op, Materialized(), constant, resultType)),
            Values(ArithmeticKernels.Apply(op, Unscaled(), constant, resultType)));
        // A product past 64 bits (the long.MaxValue / 1000 row squared) must still be exact.
        Assert.Equal(Values(ArithmeticKernels.Apply(op, Materialized(), Materialized(), resultType)),
            Values(ArithmeticKernels.Apply(op, Unscaled(), Unscaled(), resultType)));
    }

    [Fact]
    public void Widening_casts_and_doubles_match()
    {
        foreach (var to in new[] { SqlType.Decimal(18, 2), SqlType.Decimal(20, 5), SqlType.Decimal(38, 18), SqlType.Double })
            Assert.Equal(Values(CastKernel.Cast(Materialized(), to)), Values(CastKernel.Cast(Unscaled(), to)));
    }

    [Fact]
    public void Arrow_decimals_hold_the_values_rounded_to_the_scale()
    {
        // Materialized values may carry more digits than the type (1.005 in a scale-2 column): rounded half away from zero.
        var loose = new Vector(Money, [1.005m, -1.005m, 0m, 123456789012.34m, -0.004m, 7m], [false, false, true, false, false, false]);
        foreach (var v in new[] { Unscaled(), Materialized(), loose })
        {
            var array = (Apache.Arrow.Decimal128Array)ArrowConversion.ToArrowArray(v);
            var expected = Enumerable.Range(0, v.Length)
                .Select(i => v.IsNull(i) ? (decimal?)null : Math.Round(v.Decimals[i], 2, MidpointRounding.AwayFromZero)).ToList();
            Assert.Equal(expected, Enumerable.Range(0, v.Length).Select(i => array.GetValue(i)).ToList());
            var back = ArrowConversion.FromArrowArray(array, Money);
            Assert.NotNull(back.UnscaledDecimals);
            Assert.Equal(expected, Enumerable.Range(0, v.Length).Select(i => (decimal?)back.GetValue(i)).ToList());
        }
    }

    private static List<string?> Values(Vector v) =>
        Enumerable.Range(0, v.Length).Select(i => v.GetValue(i) switch
        {
            null => null,
            decimal m => m.ToString("F" + v.Type.Scale, System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            var x => x.ToString(),
        }).ToList();
}
