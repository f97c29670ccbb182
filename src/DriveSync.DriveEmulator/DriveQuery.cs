using System.Text.RegularExpressions;

namespace DriveSync.DriveEmulator;

/// <summary>
/// The subset of the Drive <c>q</c> language the emulator understands: clauses joined by <c>and</c> —
/// <c>'ID' in parents</c>, <c>trashed = true|false</c>, <c>mimeType = | != 'type'</c>, <c>name = | != | contains 'text'</c> —
/// and the children of several folders at once: <c>('A' in parents or 'B' in parents …)</c> as one clause, or a
/// query that is only such an <c>or</c> chain. An item in several of the folders is matched once.
/// </summary>
internal sealed partial class DriveQuery
{
    private readonly List<Func<EmulatedFile, bool>> _filters = [];

    private DriveQuery()
    {
    }

    /// <summary>The folders of the <c>in parents</c> clause (in query order, each once); empty when there is none.</summary>
    public IReadOnlyList<string> ParentIds { get; private set; } = [];

    public bool Matches(EmulatedFile file) => _filters.TrueForAll(f => f(file));

    /// <summary>Parses <paramref name="q"/>; null when it uses something the emulator does not support.</summary>
    public static DriveQuery? Parse(string? q)
    {
        var query = new DriveQuery();
        if (string.IsNullOrWhiteSpace(q))
            return query;
        var alternatives = Split(q, " or ").ToList();
        if (alternatives.Count > 1)
            return query.AddParentsChain(alternatives) ? query : null;
        foreach (var clause in Split(q, " and "))
        {
            if (!query.AddClause(clause.Trim()))
                return null;
        }

        return query;
    }

    private bool AddClause(string clause)
    {
        if (clause.StartsWith('(') && clause.EndsWith(')'))
            return AddParentsChain(Split(clause[1..^1], " or ").ToList());

        if (InParents().Match(clause) is { Success: true } parents)
        {
            var id = Unescape(parents.Groups[1].Value);
            if (ParentIds.Count > 0 && (ParentIds.Count > 1 || ParentIds[0] != id))
                return false;
            ParentIds = [id];
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

    // 'A' in parents or 'B' in parents …: only in-parents alternatives, one such clause per query.
    private bool AddParentsChain(IReadOnlyList<string> alternatives)
    {
        if (ParentIds.Count > 0)
            return false;
        var ids = new List<string>();
        foreach (var alternative in alternatives)
        {
            if (InParents().Match(alternative.Trim()) is not { Success: true } match)
                return false;
            var id = Unescape(match.Groups[1].Value);
            if (!ids.Contains(id))
                ids.Add(id);
        }

        var set = ids.ToHashSet(StringComparer.Ordinal);
        ParentIds = ids;
        _filters.Add(f => f.Parents.Exists(set.Contains));
        return true;
    }

    // Splits on a keyword outside quotes and parentheses.
    private static IEnumerable<string> Split(string q, string keyword)
    {
        var start = 0;
        var quoted = false;
        var depth = 0;
        for (var i = 0; i < q.Length; i++)
        {
            if (q[i] == '\\' && quoted)
            {
                i++;
                continue;
            }

            if (q[i] == '\'')
                quoted = !quoted;
            else if (!quoted && q[i] == '(')
                depth++;
            else if (!quoted && q[i] == ')')
                depth--;
            else if (!quoted && depth == 0 && string.Compare(q, i, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return q[start..i];
                start = i + keyword.Length;
                i += keyword.Length - 1;
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
