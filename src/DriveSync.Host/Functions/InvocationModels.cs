using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.Host.Functions;

/// <summary>
/// What the Azure Functions host posts to <c>/{FunctionName}</c> of a custom handler: <c>Data</c> holds the trigger and
/// input bindings by binding name, <c>Metadata</c> the trigger metadata (e.g. <c>DequeueCount</c>, <c>sys</c>).
/// </summary>
public sealed class InvocationRequest
{
    /// <summary>Trigger and input binding values by binding name.</summary>
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; set; } = [];

    /// <summary>Trigger metadata by name.</summary>
    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];
}

/// <summary>
/// What a custom handler answers: <c>Outputs</c> by output binding name (for HTTP: <c>res</c> with
/// <c>statusCode</c>, <c>headers</c>, <c>body</c>), <c>Logs</c> lines the host writes to its own log, and <c>ReturnValue</c>.
/// </summary>
public sealed class InvocationResponse
{
    /// <summary>Output binding values by binding name.</summary>
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    /// <summary>Log lines for the Functions host (already scrubbed).</summary>
    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    /// <summary>The value of a <c>$return</c> binding, if any.</summary>
    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}

/// <summary>The HTTP trigger's <c>req</c> value in <see cref="InvocationRequest.Data"/>.</summary>
/// <param name="Url">The request URL as the client sent it to the Functions host.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Query">Query parameters.</param>
/// <param name="Headers">Headers (the host sends each as a list of values).</param>
/// <param name="Params">Route parameters, e.g. <c>id</c>.</param>
/// <param name="Body">The body text, or null.</param>
public sealed record InvocationHttpRequest(
    string Url,
    string Method,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Params,
    string? Body)
{
    /// <summary>Reads <c>req</c>. The host has sent <c>Query</c> both as an object and as a JSON string, and header values as lists or strings; all are accepted.</summary>
    public static InvocationHttpRequest Parse(JsonElement req) => new(
        StringMember(req, "Url") ?? "http://localhost/",
        StringMember(req, "Method") ?? "GET",
        Map(Member(req, "Query")),
        Map(Member(req, "Headers")),
        Map(Member(req, "Params")),
        Member(req, "Body") is { } body ? body.ValueKind switch
        {
            JsonValueKind.String => body.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => body.GetRawText(),
        } : null);

    /// <summary>Scheme and authority of <see cref="Url"/>: the prefix of the management URLs.</summary>
    public string BaseUri => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "http://localhost";

    /// <summary>A query parameter, or null.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    private static JsonElement? Member(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? StringMember(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element is not { } value)
        {
            return map;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return map;
            }

            using var parsed = JsonDocument.Parse(text);
            return Map(parsed.RootElement.Clone());
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText())),
                _ => property.Value.GetRawText(),
            };
        }

        return map;
    }
}
