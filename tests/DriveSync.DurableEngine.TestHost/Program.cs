using DriveSync.DurableEngine;
using DriveSync.DurableEngine.TestHost;
using DriveSync.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Runs the embedded engine with the toy tasks until stopped or killed; settings from DriveSync__* environment variables.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton<ActivityLedger>();
builder.Services.AddDriveSyncStorage(builder.Configuration);
builder.Services.AddEmbeddedDurableEngine(builder.Configuration, registry => registry.AddToyTasks());
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("engine-ready");
await host.WaitForShutdownAsync();
