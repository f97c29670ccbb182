using DriveSync.Sanitization.Detection;
using DriveSync.Sanitization.Text;

namespace DriveSync.Sanitization.Tables;

/// <summary>
/// The one notion of "a table with a header" shared by CSV/TSV, Markdown, HTML, XLSX and DOCX: a column is PII when its
/// header names PII (<see cref="PiiColumns"/>) or, unless its header names an identifier (<c>Order</c>, <c>Ref</c>),
/// when most of its values look like one PII type the cell scanner would not find alone (names from the name lists,
/// phones written as ten bare digits).
/// </summary>
internal static class TableColumns
{
    /// <summary>How many values below the header are looked at to infer a column's type.</summary>
    public const int SampleRows = 50;

    private const double Majority = 0.6;

    /// <summary>The PII type of the column with <paramref name="header"/> and <paramref name="samples"/> (values below it), or null.</summary>
    public static string? TypeOf(ReadOnlySpan<char> header, IReadOnlyList<string> samples, IReadOnlyDictionary<string, string> extra)
    {
        if (PiiColumns.TypeOf(header, extra) is { } named)
        {
            return named;
        }

        return PiiColumns.IsNotPii(header) ? null : Infer(samples);
    }

    /// <summary>The type most of the non-empty <paramref name="samples"/> look like (at least two of them), or null.</summary>
    public static string? Infer(IReadOnlyList<string> samples)
    {
        int filled = 0, names = 0, phones = 0;
        foreach (var sample in samples)
        {
            var value = sample.AsSpan().Trim().Trim('"').Trim();
            if (value.IsEmpty)
            {
                continue;
            }

            filled++;
            if (PersonNames.LooksLikeFullName(value))
            {
                names++;
            }
            else if (IsBarePhone(value))
            {
                phones++;
            }
        }

        if (filled < 2)
        {
            return null;
        }

        return names >= Majority * filled ? PiiTypes.Name : phones >= Majority * filled ? PiiTypes.Phone : null;
    }

    /// <summary>Ten digits with a valid NANP area code and exchange (or eleven starting with 1).</summary>
    public static bool IsBarePhone(ReadOnlySpan<char> value)
    {
        if (value.Length == 11 && value[0] == '1')
        {
            value = value[1..];
        }

        return value.Length == 10 && !value.ContainsAnyExceptInRange('0', '9') && value[0] >= '2' && value[3] >= '2';
    }
}
