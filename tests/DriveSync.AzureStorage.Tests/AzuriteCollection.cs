using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

/// <summary>One Azurite shared by the storage tests (xunit collection fixtures are per assembly, so it is declared here).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Tests that measure process-wide allocation: this collection runs alone, after the parallel ones,
/// with its own Azurite, so other tests' allocations don't count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzuriteSerialCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite (serial)";
}
