namespace OrleansFlow.Datagen.Tests;

/// <summary>Reads the benchmark query texts copied next to the test assembly.</summary>
internal static class Queries
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Queries", name + ".sql"));
}
