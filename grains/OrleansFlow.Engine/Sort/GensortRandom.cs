namespace OrleansFlow.Engine.Sort;

/// <summary>
/// gensort's 128-bit linear congruential generator, X(n+1) = A·X(n) + C mod 2^128, with the multiplier from
/// L'Ecuyer's tables and gensort's odd increment. Record i is made from X(i+1), counted from X(0) = seed, so with
/// seed 0 the records are gensort's. Jumping ahead n steps composes the affine map with itself by squaring, so any
/// record range can be generated on its own (that is what makes partitions independent of one another).
/// </summary>
public static class GensortRandom
{
    private static readonly UInt128 Multiplier = new(0x2360ED051FC65DA4, 0x4385DF649FCCF645);
    private static readonly UInt128 Increment = new(0x4A696D4772617952, 0x4950202020202001);

    /// <summary>The random number record <paramref name="recordIndex"/> is made from, for a generator seeded with <paramref name="seed"/>.</summary>
    public static UInt128 ForRecord(ulong seed, UInt128 recordIndex) => Advance(seed, recordIndex + 1);

    /// <summary>The next number of the sequence.</summary>
    public static UInt128 Next(UInt128 current) => unchecked(Multiplier * current + Increment);

    /// <summary>X(n) from X(0) = start, in O(log n) steps.</summary>
    public static UInt128 Advance(UInt128 start, UInt128 steps)
    {
        // (a, c) is the affine map f^(2^bit); powers of f commute, so applying the chosen ones low bit first is exact.
        UInt128 a = Multiplier, c = Increment, value = start;
        while (steps != UInt128.Zero)
        {
            if ((steps & UInt128.One) != UInt128.Zero)
            {
                value = unchecked(a * value + c);
            }
            c = unchecked(a * c + c);
            a = unchecked(a * a);
            steps >>= 1;
        }
        return value;
    }
}
