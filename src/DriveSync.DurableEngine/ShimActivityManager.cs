using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.DurableEngine;

/// <summary>
/// DTFx's activity lookup over the SDK registry: every activity execution gets a <see cref="ScopedActivity"/> that
/// opens a DI scope, builds the SDK activity in it (constructor injection through the registry's
/// <c>ActivatorUtilities</c>), runs it through a fresh <see cref="DurableTaskShimFactory"/> shim and disposes the scope.
/// An unknown name fails that activity with a <see cref="TypeMissingException"/>, as DTFx itself would.
/// </summary>
internal sealed class ShimActivityManager(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    : INameVersionObjectManager<TaskActivity>
{
    /// <inheritdoc />
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Register activities on the DurableTaskRegistry passed to AddEmbeddedDurableEngine.");

    /// <inheritdoc />
    public TaskActivity? GetObject(string name, string? version) => new ScopedActivity(new TaskName(name), factory, shims, scopes);

    /// <summary>One activity execution in its own DI scope.</summary>
    private sealed class ScopedActivity(TaskName name, IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
        : TaskActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously.");

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
            {
                throw new TypeMissingException($"No activity named '{name.Name}' is registered.");
            }

            return await shims.CreateActivity(name, activity).RunAsync(context, input).ConfigureAwait(false);
        }
    }
}
