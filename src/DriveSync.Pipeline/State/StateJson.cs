using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.Pipeline.State;

/// <summary>The JSON form of every state document (camelCase, enums as names).</summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(BinaryData data) =>
        data.ToObjectFromJson<T>(Options) ?? throw new InvalidDataException($"State document of type {typeof(T).Name} is empty.");
}
