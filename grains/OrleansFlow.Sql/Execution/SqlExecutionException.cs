namespace OrleansFlow.Sql.Execution;

/// <summary>A run-time error in a query (bad cast of a value, scalar subquery with several rows, ...).</summary>
public sealed class SqlExecutionException(string message) : Exception(message);
