using System.Globalization;

namespace OrleansFlow.Datagen;

/// <summary>
/// How much data a generator may be asked for. Its work grows with the scale factor (SF 1 ≈ 1 GB of text data, as
/// many rows as TPC's tools write), and so does the list of parts it plans before it writes any: SF 1e9 would plan
/// millions of parts and then try to write an exabyte. Checked before anything is planned or written.
/// </summary>
public sealed record DatagenLimits
{
    /// <summary>SF 1000: a terabyte of TPC-H, the largest TPC-H result class run on one cluster's disks.</summary>
    public const double DefaultMaxScaleFactor = 1000;

    public static DatagenLimits Default { get; } = new();

    public double MaxScaleFactor { get; init; } = DefaultMaxScaleFactor;

    /// <summary>Throws when <paramref name="scaleFactor"/> is not a number in (0, <see cref="MaxScaleFactor"/>].</summary>
    public void CheckScaleFactor(double scaleFactor)
    {
        if (!double.IsFinite(scaleFactor) || scaleFactor <= 0)
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "The scale factor must be a finite number greater than 0.");
        if (scaleFactor > MaxScaleFactor)
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor,
                $"The scale factor {F(scaleFactor)} is more than the limit of {F(MaxScaleFactor)} (DatagenLimits.MaxScaleFactor).");
    }

    public static string F(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
