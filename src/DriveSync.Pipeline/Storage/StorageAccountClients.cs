using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace DriveSync.Pipeline.Storage;

/// <summary>
/// The one place storage clients are built: blob, queue and table service clients and the Durable Task engine's
/// <see cref="StorageAccountClientProvider"/>, all for the account of <see cref="StorageOptions"/>, with the same
/// credential, the SDK's retry options and service versions pinned to what Azurite 3.37 accepts (the SDK's newest
/// versions are refused by it unless it runs with <c>--skipApiVersionCheck</c>). Thread-safe; one per process.
/// </summary>
public sealed class StorageAccountClients
{
    /// <summary>Blob API version: the newest Azurite 3.37 accepts (the SDK's default, 2026-10-06, is refused).</summary>
    public const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Queue API version: the newest Azurite 3.37 accepts.</summary>
    public const QueueClientOptions.ServiceVersion QueueVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Table API version: the SDK's newest, which Azurite 3.37 accepts.</summary>
    public const TableClientOptions.ServiceVersion TableVersion = TableClientOptions.ServiceVersion.V2020_12_06;

    private readonly StorageOptions _options;
    private readonly TokenCredential? _credential;

    /// <summary>
    /// Clients for <paramref name="options"/> (validate them first). <paramref name="credential"/> authorizes the service
    /// URIs when there is no connection string; null means <c>DefaultAzureCredential</c>.
    /// </summary>
    public StorageAccountClients(StorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        UsesConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        _credential = UsesConnectionString ? null : credential ?? new Azure.Identity.DefaultAzureCredential();
        TransferOptions = new StorageTransferOptions
        {
            InitialTransferSize = options.SingleUploadThresholdBytes,
            MaximumTransferSize = options.BlockSizeBytes,
            MaximumConcurrency = options.UploadConcurrency,
        };
        Blobs = CreateBlobServiceClient(CreateBlobOptions());
        var queueOptions = CreateQueueOptions();
        queueOptions.MessageEncoding = QueueMessageEncoding.Base64;
        Queues = CreateQueueServiceClient(queueOptions);
        Tables = CreateTableServiceClient(CreateTableOptions());
    }

    /// <summary>Blob service client.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>Queue service client; message text travels base64-encoded (what the Azure Functions queue trigger expects).</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Table service client.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Block size, single-upload threshold and concurrency of uploads, from the options.</summary>
    public StorageTransferOptions TransferOptions { get; }

    /// <summary>True when the account comes from <c>DriveSync:Storage:ConnectionString</c>, false for service URIs and Entra ID.</summary>
    public bool UsesConnectionString { get; }

    /// <summary>The account name.</summary>
    public string AccountName => Blobs.AccountName;

    /// <summary>The setting that says where and how to reach <paramref name="service"/> ("blob", "queue" or "table"), for error messages.</summary>
    public string SettingFor(string service) => StorageOptions.SectionName + ":" + (UsesConnectionString ? "ConnectionString" : service switch
    {
        "queue" => nameof(StorageOptions.QueueServiceUri),
        "table" => _options.TableServiceUri is null ? nameof(StorageOptions.BlobServiceUri) : nameof(StorageOptions.TableServiceUri),
        _ => nameof(StorageOptions.BlobServiceUri),
    });

    /// <summary>
    /// The Durable Task engine's view of the same account: its blob, queue and table clients are built here, each from
    /// fresh options (the engine adds its own pipeline policies and queue encoding to the options it is given).
    /// </summary>
    public StorageAccountClientProvider CreateDurableTaskProvider() => new(
        new ClientProvider<BlobServiceClient, BlobClientOptions>(CreateBlobOptions, CreateBlobServiceClient),
        new ClientProvider<QueueServiceClient, QueueClientOptions>(CreateQueueOptions, CreateQueueServiceClient),
        new ClientProvider<TableServiceClient, TableClientOptions>(CreateTableOptions, CreateTableServiceClient));

    /// <summary>Clients of the same account for a quick check: one retry and a short network timeout.</summary>
    public StorageAccountClients ForProbe(TimeSpan networkTimeout) => new(new StorageOptions
    {
        ConnectionString = _options.ConnectionString,
        BlobServiceUri = _options.BlobServiceUri,
        QueueServiceUri = _options.QueueServiceUri,
        TableServiceUri = _options.TableServiceUri,
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryDelay = TimeSpan.FromSeconds(1),
        NetworkTimeout = networkTimeout,
    }, _credential);

    /// <summary>Fresh blob client options: pinned version, retries from the options.</summary>
    public BlobClientOptions CreateBlobOptions() => Configure(new BlobClientOptions(BlobVersion));

    /// <summary>Fresh queue client options: pinned version, retries from the options (UTF-8 message encoding, the SDK's default).</summary>
    public QueueClientOptions CreateQueueOptions() => Configure(new QueueClientOptions(QueueVersion));

    /// <summary>Fresh table client options: pinned version, retries from the options.</summary>
    public TableClientOptions CreateTableOptions() => Configure(new TableClientOptions(TableVersion));

    private T Configure<T>(T clientOptions)
        where T : ClientOptions
    {
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = _options.MaxRetries;
        clientOptions.Retry.Delay = _options.RetryDelay;
        clientOptions.Retry.MaxDelay = _options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = _options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "DriveSync";
        return clientOptions;
    }

    private BlobServiceClient CreateBlobServiceClient(BlobClientOptions clientOptions) => UsesConnectionString
        ? new BlobServiceClient(_options.ConnectionString, clientOptions)
        : new BlobServiceClient(_options.BlobServiceUri, _credential, clientOptions);

    private QueueServiceClient CreateQueueServiceClient(QueueClientOptions clientOptions) => UsesConnectionString
        ? new QueueServiceClient(_options.ConnectionString, clientOptions)
        : new QueueServiceClient(_options.QueueServiceUri, _credential, clientOptions);

    private TableServiceClient CreateTableServiceClient(TableClientOptions clientOptions) => UsesConnectionString
        ? new TableServiceClient(_options.ConnectionString, clientOptions)
        : new TableServiceClient(_options.EffectiveTableServiceUri, _credential, clientOptions);

    /// <summary>DTFx's factory interface over this class's own option and client builders.</summary>
    private sealed class ClientProvider<TClient, TOptions>(Func<TOptions> createOptions, Func<TOptions, TClient> createClient)
        : IStorageServiceClientProvider<TClient, TOptions>
        where TOptions : ClientOptions
    {
        public TOptions CreateOptions() => createOptions();

        public TClient CreateClient(TOptions options) => createClient(options);
    }
}
