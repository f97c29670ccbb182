using System.Collections.Concurrent;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace DriveSync.DurableEngine;

/// <summary>
/// DTFx's orchestration lookup over the SDK registry: for each work item DTFx asks for an orchestration by name and gets a
/// fresh <see cref="DurableTaskShimFactory"/> shim around a fresh SDK orchestrator (shims hold per-execution state, so
/// they are never shared). Names the registry doesn't know return <c>null</c>, which DTFx reports as a missing type.
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
    public TaskOrchestration? GetObject(string name, string? version)
    {
        if (_creators.TryGetValue(name, out var registered))
        {
            return registered.Create();
        }

        return factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator)
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;
    }
}
