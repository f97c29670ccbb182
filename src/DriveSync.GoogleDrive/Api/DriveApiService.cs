using Google.Apis.Services;

namespace DriveSync.GoogleDrive.Api;

/// <summary>The Drive v3 service on Google's <see cref="BaseClientService"/> (what Google.Apis.Drive.v3 would generate, cut to what we call).</summary>
internal sealed class DriveApiService(BaseClientService.Initializer initializer) : BaseClientService(initializer)
{
    public const string ServicePath = "drive/v3/";

    public override string Name => "drive";

    public override string BaseUri => BaseUriOverride ?? "https://www.googleapis.com/" + ServicePath;

    public override string BasePath => ServicePath;

    public override IList<string> Features => [];
}
