using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using DriveSync.AzureStorage.Internal;

namespace DriveSync.AzureStorage;

/// <summary>
/// One storage queue. Message text travels base64-encoded UTF-8 (the encoding the Azure Functions queue trigger
/// expects); at most <see cref="MaxMessageTextBytes"/> bytes of UTF-8 text per message.
/// Get one from <see cref="StorageAccountClient.GetQueueClient"/>.
/// </summary>
public sealed class QueueClient
{
    /// <summary>Largest message text in UTF-8 bytes (64 KiB once base64-encoded).</summary>
    public const int MaxMessageTextBytes = 48 * 1024;

    private readonly StorageRestPipeline _pipeline;
    private readonly Uri _queueUri;
    private readonly Uri _messagesUri;

    internal QueueClient(StorageRestPipeline pipeline, Uri queueEndpoint, string name)
    {
        StorageNames.ValidateContainerOrQueue(name, nameof(name));
        _pipeline = pipeline;
        Name = name;
        _queueUri = new Uri(queueEndpoint.AbsoluteUri.TrimEnd('/') + "/" + name);
        _messagesUri = new Uri(_queueUri.AbsoluteUri + "/messages");
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>Creates the queue unless it exists. True when this call created it.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _queueUri);
        var response = await _pipeline.SendAsync(message, "Create Queue", cancellationToken).ConfigureAwait(false);
        return response.Status == 201;
    }

    /// <summary>
    /// Adds a message. <paramref name="visibilityTimeout"/>: hidden for this long first (default 0, up to 7 days);
    /// <paramref name="timeToLive"/>: kept this long (default: the service's 7 days; <see cref="Timeout.InfiniteTimeSpan"/>: forever).
    /// </summary>
    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = MessageBody(messageText);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Post,
            _messagesUri,
            ("visibilitytimeout", Seconds(visibilityTimeout)),
            ("messagettl", timeToLive == Timeout.InfiniteTimeSpan ? "-1" : Seconds(timeToLive)));
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, "Put Message", cancellationToken).ConfigureAwait(false);
        var element = XDocument.Load(response.ContentStream!).Root!.Element("QueueMessage")!;
        return new SendReceipt(
            element.Element("MessageId")!.Value,
            element.Element("PopReceipt")!.Value,
            Date(element, "InsertionTime"),
            Date(element, "TimeNextVisible"));
    }

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1–32) messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get,
            _messagesUri,
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", Seconds(visibilityTimeout)));
        var response = await _pipeline.SendAsync(message, "Get Messages", cancellationToken).ConfigureAwait(false);
        return ReadMessages(response).Select(e => new QueueMessage(
            e.Element("MessageId")!.Value,
            e.Element("PopReceipt")!.Value,
            DecodeText(e.Element("MessageText")?.Value),
            long.Parse(e.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Date(e, "InsertionTime"),
            Date(e, "TimeNextVisible"))).ToList();
    }

    /// <summary>Deletes a received message.</summary>
    /// <exception cref="StorageNotFoundException">The message is gone (deleted or expired).</exception>
    /// <exception cref="StoragePreconditionFailedException">The pop receipt is stale: the message became visible and was received again.</exception>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, MessageUri(messageId), ("popreceipt", popReceipt));
        await _pipeline.SendAsync(message, "Delete Message", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hides a received message for <paramref name="visibilityTimeout"/> from now (0 makes it visible at once), optionally replacing its text.
    /// Use the returned pop receipt from now on; same exceptions as <see cref="DeleteMessageAsync"/>.
    /// </summary>
    public async Task<UpdateReceipt> UpdateVisibilityAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(
            RequestMethod.Put,
            MessageUri(messageId),
            ("popreceipt", popReceipt),
            ("visibilitytimeout", Seconds(visibilityTimeout)));
        if (newMessageText is not null)
        {
            message.Request.Content = RequestContent.Create(MessageBody(newMessageText));
        }

        var response = await _pipeline.SendAsync(message, "Update Message", cancellationToken).ConfigureAwait(false);
        return new UpdateReceipt(
            BlobHeaders.RequiredHeader(response, "x-ms-popreceipt"),
            BlobHeaders.ParseDate(BlobHeaders.RequiredHeader(response, "x-ms-time-next-visible")));
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1–32) visible messages without dequeuing them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get,
            _messagesUri,
            ("peekonly", "true"),
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)));
        var response = await _pipeline.SendAsync(message, "Peek Messages", cancellationToken).ConfigureAwait(false);
        return ReadMessages(response).Select(e => new PeekedMessage(
            e.Element("MessageId")!.Value,
            DecodeText(e.Element("MessageText")?.Value),
            long.Parse(e.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Date(e, "InsertionTime"))).ToList();
    }

    /// <summary>The service's approximate count of messages in the queue (visible or not).</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, _queueUri, ("comp", "metadata"));
        var response = await _pipeline.SendAsync(message, "Get Queue Metadata", cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : 0;
    }

    private Uri MessageUri(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return new Uri(_messagesUri.AbsoluteUri + "/" + Uri.EscapeDataString(messageId));
    }

    private static byte[] MessageBody(string messageText)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var bytes = Encoding.UTF8.GetBytes(messageText);
        if (bytes.Length > MaxMessageTextBytes)
        {
            throw new ArgumentException($"A queue message holds at most {MaxMessageTextBytes} bytes of UTF-8 text (was {bytes.Length}).", nameof(messageText));
        }

        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessage><MessageText>"
            + SecurityElement.Escape(Convert.ToBase64String(bytes))
            + "</MessageText></QueueMessage>";
        return Encoding.UTF8.GetBytes(xml);
    }

    private static string DecodeText(string? base64) =>
        string.IsNullOrEmpty(base64) ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static IEnumerable<XElement> ReadMessages(Azure.Response response) =>
        response.ContentStream is { Length: > 0 } stream
            ? XDocument.Load(stream).Root!.Elements("QueueMessage")
            : [];

    private static DateTimeOffset Date(XElement element, string name) =>
        element.Element(name) is { } child ? BlobHeaders.ParseDate(child.Value) : default;

    private static string? Seconds(TimeSpan? value)
    {
        if (value is not { } span)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        return ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
