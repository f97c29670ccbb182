namespace DriveSync.Sanitization.Detection;

/// <summary>One detected value: its position in the scanned text and its type name (see <see cref="PiiTypes"/>).</summary>
public readonly record struct PiiMatch(int Start, int Length, string Type)
{
    /// <summary>The index just after the match.</summary>
    public int End => Start + Length;
}
