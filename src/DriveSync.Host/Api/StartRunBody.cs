namespace DriveSync.Host.Api;

/// <summary>The body of <c>POST /api/runs</c> (all optional).</summary>
/// <param name="Limit">Process at most this many files.</param>
/// <param name="DryRun">List and plan only; write nothing.</param>
public sealed record StartRunBody(int? Limit = null, bool? DryRun = null);
