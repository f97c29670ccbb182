namespace DriveSync.GoogleDrive;

/// <summary>
/// The <c>q</c> of a grouped files.list: <c>'a' in parents and trashed = false</c> for one folder,
/// <c>('a' in parents or 'b' in parents …) and trashed = false</c> for several.
/// </summary>
internal static class FolderGroupQuery
{
    private const string Trashed = " and trashed = false";
    private const string InParents = "' in parents";
    private const string Or = " or ";

    /// <summary>The query listing the children of <paramref name="folderIds"/>.</summary>
    public static string For(IReadOnlyList<string> folderIds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(folderIds.Count);
        var clauses = string.Join(Or, folderIds.Select(id => "'" + DriveClient.EscapeQueryLiteral(id) + InParents));
        return (folderIds.Count == 1 ? clauses : "(" + clauses + ")") + Trashed;
    }

    /// <summary>The length of <see cref="For"/> of a group of <paramref name="count"/> folders whose escaped ids total <paramref name="idChars"/> characters.</summary>
    public static int Length(int count, int idChars) =>
        idChars + count * (1 + InParents.Length) + (count - 1) * Or.Length + (count == 1 ? 0 : 2) + Trashed.Length;

    /// <summary>The characters an id adds to a query (its escaped length).</summary>
    public static int IdChars(string id) => DriveClient.EscapeQueryLiteral(id).Length;
}
