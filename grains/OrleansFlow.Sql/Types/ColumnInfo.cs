namespace OrleansFlow.Sql.Types;

/// <summary>A named, typed column of a table or result.</summary>
public sealed record ColumnInfo(string Name, SqlType Type);
