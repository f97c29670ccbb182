using DriveSync.Testing;

namespace DriveSync.DurableEngine.Tests;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
