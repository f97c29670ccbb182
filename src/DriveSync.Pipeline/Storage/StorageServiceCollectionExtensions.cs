using DurableTask.AzureStorage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DriveSync.Pipeline.Storage;

/// <summary>How a host wires storage.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (bound from <c>DriveSync:Storage</c>, validated with messages naming each
    /// setting), the <see cref="StorageAccountClients"/> factory, the Durable Task engine's
    /// <see cref="StorageAccountClientProvider"/> for the same account, and <see cref="StorageReadiness"/>.
    /// Without a connection string the Entra ID credential comes from the section's <c>Credential</c>, <c>ClientId</c>,
    /// <c>TenantId</c> keys (Microsoft.Extensions.Azure's rules; none set: <c>DefaultAzureCredential</c>).
    /// </summary>
    public static IServiceCollection AddDriveSyncStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Bind(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddAzureClientsCore();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<StorageOptions>();
            var credential = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section)
                : null;
            return new StorageAccountClients(options, credential);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccountClients>().CreateDurableTaskProvider());
        services.TryAddSingleton<StorageReadiness>();
        return services;
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
