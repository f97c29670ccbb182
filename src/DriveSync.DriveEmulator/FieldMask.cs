namespace DriveSync.DriveEmulator;

/// <summary>A parsed Drive <c>fields</c> selector such as <c>nextPageToken,files(id,name,shortcutDetails(targetId))</c>.</summary>
internal sealed class FieldMask
{
    public static readonly FieldMask All = new(true);

    private readonly bool _all;
    private readonly Dictionary<string, FieldMask> _children = new(StringComparer.Ordinal);

    private FieldMask(bool all) => _all = all;

    public bool Has(string name) => _all || _children.ContainsKey(name);

    public FieldMask Sub(string name) => _all ? All : _children.TryGetValue(name, out var child) ? child : All;

    /// <summary>Parses a selector; <paramref name="fallback"/> applies when it is absent. Returns null when malformed.</summary>
    public static FieldMask? Parse(string? fields, string fallback)
    {
        var text = string.IsNullOrWhiteSpace(fields) ? fallback : fields;
        var position = 0;
        var mask = ParseList(text, ref position);
        return mask is not null && position == text.Length ? mask : null;
    }

    private static FieldMask? ParseList(string text, ref int position)
    {
        var mask = new FieldMask(false);
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '(' or ')'))
                position++;
            var name = text[start..position].Trim();
            if (name.Length == 0)
                return null;
            if (name == "*")
                return SkipRest(text, ref position);
            var child = All;
            if (position < text.Length && text[position] == '(')
            {
                position++;
                child = ParseList(text, ref position);
                if (child is null || position >= text.Length || text[position] != ')')
                    return null;
                position++;
            }

            // A path like files/id selects the same as files(id).
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                var nested = new FieldMask(false);
                nested._children[name[(slash + 1)..]] = child;
                child = nested;
                name = name[..slash];
            }

            mask._children[name] = child;
            if (position >= text.Length || text[position] == ')')
                return mask;
            position++; // ','
        }
    }

    private static FieldMask SkipRest(string text, ref int position)
    {
        while (position < text.Length && text[position] != ')')
            position++;
        return All;
    }
}
