using DriveSync.Functions.Hosting;
using DriveSync.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker: the triggers in Triggers/, the SyncFolder orchestration and activities in
// Orchestration/, the pipeline wired as `drivesync` wires it, telemetry behind the PII scrubber.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDriveSyncFunctions(builder.Configuration);
builder.Services.AddDriveSyncOpenTelemetry(builder.Configuration, FunctionsHosting.ServiceName, otel => otel.UseFunctionsWorkerDefaults());
await builder.Build().RunAsync();
