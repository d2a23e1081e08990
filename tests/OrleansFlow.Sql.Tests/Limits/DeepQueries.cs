namespace OrleansFlow.Sql.Tests.Limits;

/// <summary>Query texts nested as deep as asked, built without recursion.</summary>
internal static class DeepQueries
{
    public static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static string Chain(string term, string op, int terms) => string.Join(op, Enumerable.Repeat(term, terms));

    /// <summary><c>select 1+(1+(...(1)...))</c>, <paramref name="depth"/> additions.</summary>
    public static string Arithmetic(int depth) => "select " + Repeat("1+(", depth) + "1" + Repeat(")", depth);

    public static string Parentheses(int depth) => "select " + Repeat("(", depth) + "1" + Repeat(")", depth);

    public static string ScalarSubqueries(int depth) => "select " + Repeat("(select ", depth) + "1" + Repeat(")", depth);

    public static string DerivedTables(int depth) =>
        "select * from " + Repeat("(select * from ", depth) + "(select 1 as x) t" + Repeat(") t", depth);

    public static string Cases(int depth) => "select " + Repeat("case when true then ", depth) + "1" + Repeat(" end", depth);

    public static string Nots(int depth) => "select " + Repeat("not ", depth) + "true";

    public static string Negations(int depth) => "select " + Repeat("- ", depth) + "1";

    public static string OrChain(int terms) => "select " + Chain("1 = 0", " or ", terms - 1) + " or 1 = 1";

    public static string AndChain(int terms) => "select " + Chain("1 = 1", " and ", terms);

    public static string PlusChain(int terms) => "select " + Chain("1", " + ", terms);

    public static string UnionChain(int terms) => Chain("select 1", " union all ", terms);

    /// <summary>CTEs a1..aN, each selecting from the one before: a flat text whose plan is N levels deep once inlined.</summary>
    public static string CteChain(int ctes) =>
        "with a0 as (select 1 as x), " + string.Join(", ", Enumerable.Range(1, ctes).Select(i => $"a{i} as (select x from a{i - 1})"))
        + $" select x from a{ctes}";
}
