using System.Buffers;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// Which label kinds a text may hold, found by one pass before its scan: a kind whose every label is absent from the text
/// can never be the <see cref="ContextWords.Nearest"/> label of any candidate in it, so the detectors skip that look-back
/// when the only answers that would matter are such kinds (a payment export without an account, licence, birth, routing
/// or passport label never asks it for its dates and ids).
/// </summary>
/// <remarks>
/// Only the kinds in <see cref="CheckedKinds"/> are looked for (their labels are rare in ordinary text, so the pass finds
/// few hits); every other kind is always reported as possibly present. The default value knows nothing absent.
/// </remarks>
internal readonly struct LabelPresence
{
    /// <summary>The kinds the pass looks for: those that gate the look-back of the commonest numbers (ids, dates).</summary>
    internal static readonly ContextKind[] CheckedKinds =
        [ContextKind.Account, ContextKind.DriverLicense, ContextKind.DateOfBirth, ContextKind.Routing, ContextKind.Passport];

    private static readonly (string Word, ContextKind Kind)[] CheckedLabels =
        [.. ContextWords.Labels.ToArray().Where(label => CheckedKinds.Contains(label.Kind))];

    /// <summary>
    /// The checked labels of three characters or more: searched together (a multi-string search over three-character
    /// prefixes; one two-character label among them would make it compare pairs and stop at far more false candidates).
    /// </summary>
    private static readonly SearchValues<string> LongWords =
        SearchValues.Create([.. CheckedLabels.Select(label => label.Word).Where(word => word.Length >= 3)], StringComparison.OrdinalIgnoreCase);

    /// <summary>The checked labels of two characters (<c>dl</c>), searched on their own.</summary>
    private static readonly (SearchValues<string> Words, int Mask) ShortWords = (
        SearchValues.Create([.. CheckedLabels.Select(label => label.Word).Where(word => word.Length < 3)], StringComparison.OrdinalIgnoreCase),
        CheckedLabels.Where(label => label.Word.Length < 3).Aggregate(0, (mask, label) => mask | Bit(label.Kind)));

    private static readonly int CheckedMask = CheckedKinds.Aggregate(0, (mask, kind) => mask | Bit(kind));

    /// <summary>The kinds known to be absent, one bit per <see cref="ContextKind"/>.</summary>
    private readonly int absent;

    private LabelPresence(int absent) => this.absent = absent;

    /// <summary>
    /// The presence of labels in <paramref name="text"/>: a checked kind is absent when none of its labels starts a word
    /// (an ASCII letter with no ASCII letter before it) anywhere in the text, in any ASCII case — every label
    /// <see cref="ContextWords.Nearest"/> can return starts so.
    /// </summary>
    public static LabelPresence Of(ReadOnlySpan<char> text)
    {
        var absent = Mark(text, LongWords, CheckedMask, CheckedMask);
        return new LabelPresence(Mark(text, ShortWords.Words, ShortWords.Mask, absent));
    }

    /// <summary>
    /// Clears from <paramref name="absent"/> the kinds of the checked labels found at word starts by searching for
    /// <paramref name="words"/>, until none of the kinds those words can reveal (<paramref name="kinds"/>) is left absent.
    /// </summary>
    private static int Mark(ReadOnlySpan<char> text, SearchValues<string> words, int kinds, int absent)
    {
        var p = 0;
        while ((absent & kinds) != 0)
        {
            var k = text[p..].IndexOfAny(words);
            if (k < 0)
            {
                break;
            }

            p += k;
            if (p == 0 || !char.IsAsciiLetter(text[p - 1]))
            {
                foreach (var (word, kind) in CheckedLabels)
                {
                    if (text[p..].StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    {
                        absent &= ~Bit(kind);
                    }
                }
            }

            p++;
        }

        return absent;
    }

    /// <summary>False only when no label of <paramref name="kind"/> occurs in the text.</summary>
    public bool MayHave(ContextKind kind) => (absent & Bit(kind)) == 0;

    private static int Bit(ContextKind kind) => 1 << (int)kind;
}
