using DriveSync.Testing;

namespace DriveSync.Functions.Tests;

/// <summary>One Azurite for the assembly; tests in the collection run one at a time (the box has two cores).</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
