using System.Data.Common;

namespace OrleansFlow.Testing;

/// <summary>The two things the tests do with an oracle connection (DuckDB): run a statement, read every row.</summary>
public static class DbConnectionExtensions
{
    public static void ExecuteSql(this DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of <paramref name="sql"/>'s result, NULLs as null.</summary>
    public static List<object?[]> QueryRows(this DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
