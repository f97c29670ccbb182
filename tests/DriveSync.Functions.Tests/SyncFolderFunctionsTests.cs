using DriveSync.Functions.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Functions.Tests;

public sealed class SyncFolderFunctionsTests
{
    [Fact]
    public async Task RunActivity_ActivityFromInvocationServices_GetsNameInstanceAndInput()
    {
        var context = TestFunctionContext.Create(services => services.AddSingleton(new Greeting("hello")).AddTransient<EchoActivity>());

        var output = await SyncFolderFunctions.RunActivity<EchoActivity, string, string>("Echo", "batch-7", "run-1", context);

        Assert.Equal("hello Echo run-1 batch-7", output);
    }

    [Fact]
    public async Task RunActivity_ActivityNotRegistered_BuiltWithConstructorInjection()
    {
        var context = TestFunctionContext.Create(services => services.AddSingleton(new Greeting("hi")));

        var output = await SyncFolderFunctions.RunActivity<EchoActivity, string, string>("Echo", "x", "run-2", context);

        Assert.Equal("hi Echo run-2 x", output);
    }

    internal sealed record Greeting(string Text);

    internal sealed class EchoActivity(Greeting greeting) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult($"{greeting.Text} {context.Name} {context.InstanceId} {input}");
    }
}
