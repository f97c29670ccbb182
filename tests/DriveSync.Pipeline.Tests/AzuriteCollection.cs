using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
