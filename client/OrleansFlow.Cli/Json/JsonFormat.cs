using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansFlow.Cli.Json;

/// <summary>
/// How <c>--json</c> writes: camelCase names, enums as camelCase strings, and every duration as a whole number of
/// milliseconds whose name ends in <c>Ms</c> (<c>durationMs</c>, <c>cpuTimeMs</c>). A script then reads one kind of
/// number, never <c>"00:00:02.1568647"</c>, and can tell a duration from its name.
/// </summary>
internal static class JsonFormat
{
    private const string MillisecondsSuffix = "Milliseconds";

    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new MillisecondsConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameDurationsInMilliseconds } },
    };

    /// <summary>
    /// Names are already camelCase here. A TimeSpan (or a list of them) gets <c>Ms</c> appended; a number the
    /// fabric already counts in milliseconds (<c>taskMilliseconds</c>) is shortened to the same suffix.
    /// </summary>
    private static void NameDurationsInMilliseconds(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (IsDuration(property.PropertyType))
                property.Name += "Ms";
            else if (property.Name.EndsWith(MillisecondsSuffix, StringComparison.Ordinal))
                property.Name = property.Name[..^MillisecondsSuffix.Length] + "Ms";
        }
    }

    private static bool IsDuration(Type type) =>
        type == typeof(TimeSpan) || type == typeof(TimeSpan?) || typeof(IEnumerable<TimeSpan>).IsAssignableFrom(type);

    /// <summary>A duration as whole milliseconds, rounded.</summary>
    private sealed class MillisecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromMilliseconds(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((long)Math.Round(value.TotalMilliseconds, MidpointRounding.AwayFromZero));
    }
}
