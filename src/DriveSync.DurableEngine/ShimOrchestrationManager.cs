using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace DriveSync.DurableEngine;

/// <summary>
/// DTFx's orchestration lookup over the SDK registry: for each work item DTFx asks for an orchestration by name and gets a
/// fresh <see cref="DurableTaskShimFactory"/> shim around a fresh SDK orchestrator (shims hold per-execution state, so
/// they are never shared). A name the registry doesn't know fails its instance with a <see cref="TypeMissingException"/>.
/// </summary>
internal sealed class ShimOrchestrationManager(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskOrchestration>
{
    private readonly ConcurrentDictionary<string, ObjectCreator<TaskOrchestration>> _creators = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Add(ObjectCreator<TaskOrchestration> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!_creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"An orchestration named '{creator.Name}' is already registered.");
        }
    }

    /// <inheritdoc />
    public TaskOrchestration GetObject(string name, string? version)
    {
        if (_creators.TryGetValue(name, out var registered))
        {
            return registered.Create();
        }

        return factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator)
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : new UnknownOrchestration(name);
    }

    /// <summary>
    /// Stands in for a name the registry doesn't know: the instance fails with a clear reason (as the SDK's own workers
    /// do) instead of DTFx retrying the work item forever.
    /// </summary>
    private sealed class UnknownOrchestration(string name) : TaskOrchestration
    {
        public override Task<string> Execute(OrchestrationContext context, string input) =>
            Task.FromException<string>(new TypeMissingException($"No orchestrator named '{name}' is registered."));

        public override string GetStatus() => string.Empty;

        public override void RaiseEvent(OrchestrationContext context, string name, string input)
        {
        }
    }
}
