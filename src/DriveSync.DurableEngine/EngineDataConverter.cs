using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace DriveSync.DurableEngine;

/// <summary>
/// The Durable Task Framework's <see cref="CoreDataConverter"/> over the SDK's <see cref="SdkDataConverter"/>, so that
/// what <c>TaskHubClient</c> writes (event payloads) reads back exactly like what the SDK shims write
/// (inputs, outputs, custom status): one JSON format on both sides, no type names.
/// </summary>
internal sealed class EngineDataConverter(SdkDataConverter inner) : CoreDataConverter
{
    /// <summary>The SDK converter underneath.</summary>
    public SdkDataConverter Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public override string Serialize(object value) => Inner.Serialize(value)!;

    /// <inheritdoc />
    public override string Serialize(object value, bool formatted) => Serialize(value);

    /// <inheritdoc />
    public override object Deserialize(string data, Type objectType) => Inner.Deserialize(data, objectType)!;
}
