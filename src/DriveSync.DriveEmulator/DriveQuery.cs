using System.Text.RegularExpressions;

namespace DriveSync.DriveEmulator;

/// <summary>
/// The subset of the Drive <c>q</c> language the emulator understands: clauses joined by <c>and</c> —
/// <c>'ID' in parents</c>, <c>trashed = true|false</c>, <c>mimeType = | != 'type'</c>, <c>name = | != | contains 'text'</c>.
/// </summary>
internal sealed partial class DriveQuery
{
    private readonly List<Func<EmulatedFile, bool>> _filters = [];

    private DriveQuery()
    {
    }

    /// <summary>The folder of an <c>in parents</c> clause, if any.</summary>
    public string? ParentId { get; private set; }

    public bool Matches(EmulatedFile file) => _filters.TrueForAll(f => f(file));

    /// <summary>Parses <paramref name="q"/>; null when it uses something the emulator does not support.</summary>
    public static DriveQuery? Parse(string? q)
    {
        var query = new DriveQuery();
        if (string.IsNullOrWhiteSpace(q))
            return query;
        foreach (var clause in SplitAnd(q))
        {
            if (!query.AddClause(clause.Trim()))
                return null;
        }

        return query;
    }

    private bool AddClause(string clause)
    {
        if (InParents().Match(clause) is { Success: true } parents)
        {
            var id = Unescape(parents.Groups[1].Value);
            if (ParentId is not null && ParentId != id)
                return false;
            ParentId = id;
            _filters.Add(f => f.Parents.Contains(id));
            return true;
        }

        if (Trashed().Match(clause) is { Success: true } trashed)
        {
            var value = bool.Parse(trashed.Groups[2].Value) ^ (trashed.Groups[1].Value == "!=");
            _filters.Add(f => f.Trashed == value);
            return true;
        }

        if (Compare().Match(clause) is { Success: true } compare)
        {
            var field = compare.Groups[1].Value;
            var op = compare.Groups[2].Value;
            var value = Unescape(compare.Groups[3].Value);
            Func<EmulatedFile, string> get = field == "mimeType" ? f => f.MimeType : f => f.Name;
            Func<EmulatedFile, bool>? filter = op switch
            {
                "=" => f => string.Equals(get(f), value, StringComparison.Ordinal),
                "!=" => f => !string.Equals(get(f), value, StringComparison.Ordinal),
                "contains" when field == "name" => f => get(f).Contains(value, StringComparison.OrdinalIgnoreCase),
                _ => null,
            };
            if (filter is null)
                return false;
            _filters.Add(filter);
            return true;
        }

        return false;
    }

    private static IEnumerable<string> SplitAnd(string q)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < q.Length; i++)
        {
            if (q[i] == '\\' && quoted)
            {
                i++;
                continue;
            }

            if (q[i] == '\'')
                quoted = !quoted;
            else if (!quoted && string.Compare(q, i, " and ", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return q[start..i];
                start = i + 5;
                i += 4;
            }
        }

        yield return q[start..];
    }

    private static string Unescape(string value) => EscapedChar().Replace(value, "$1");

    [GeneratedRegex(@"^'((?:[^'\\]|\\.)*)'\s+in\s+parents$", RegexOptions.CultureInvariant)]
    private static partial Regex InParents();

    [GeneratedRegex(@"^trashed\s*(=|!=)\s*(true|false)$", RegexOptions.CultureInvariant)]
    private static partial Regex Trashed();

    [GeneratedRegex(@"^(mimeType|name)\s*(=|!=|contains)\s*'((?:[^'\\]|\\.)*)'$", RegexOptions.CultureInvariant)]
    private static partial Regex Compare();

    [GeneratedRegex(@"\\(.)", RegexOptions.CultureInvariant)]
    private static partial Regex EscapedChar();
}
