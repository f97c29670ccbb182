namespace DriveSync.AzureStorage;

/// <summary>A received message; delete it with its <see cref="PopReceipt"/> before <see cref="NextVisibleTime"/> or it comes back.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset NextVisibleTime);

/// <summary>A message seen by Peek: not dequeued, so it has no pop receipt.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset InsertionTime);

/// <summary>What Put Message returned.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertionTime, DateTimeOffset NextVisibleTime);

/// <summary>What Update Message returned: the pop receipt to use from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleTime);
