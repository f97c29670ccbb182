using DriveSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// The one entry point for a work-queue message, used by the standalone <see cref="RunWorker"/> and by
/// the Azure Functions queue trigger. Returns normally when the message is done (delete it); throws when
/// it should be delivered again.
/// </summary>
public sealed class WorkMessageHandler(RunCoordinator coordinator, BatchProcessor batches, ILogger<WorkMessageHandler> logger)
{
    public async Task HandleMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = WorkMessage.TryParse(messageText);
        if (message is null)
        {
            logger.LogWarning("Dropped a work message that is not a DriveSync step or batch ({Length} characters)", messageText.Length);
            return;
        }
        if (message.Kind == WorkKind.Step)
            await coordinator.StepAsync(message, dequeueCount, cancellationToken);
        else
            await batches.HandleAsync(message, dequeueCount, cancellationToken);
    }
}
