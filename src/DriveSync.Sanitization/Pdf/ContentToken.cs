namespace DriveSync.Sanitization.Pdf;

/// <summary>The kinds of PDF content-stream tokens.</summary>
internal enum ContentTokenKind
{
    Number,
    Name,
    String,
    Array,
    Dictionary,
    Boolean,
    Null,
}

/// <summary>One operand of a content-stream operation (a PDF object written inline).</summary>
internal sealed class ContentToken
{
    private ContentToken(ContentTokenKind kind) => Kind = kind;

    public ContentTokenKind Kind { get; }

    /// <summary>The value of a number or boolean (1 = true).</summary>
    public double Number { get; private init; }

    /// <summary>The name without its slash, or the source text of a number.</summary>
    public string Text { get; private init; } = "";

    /// <summary>The bytes of a string.</summary>
    public byte[] Bytes { get; private init; } = [];

    /// <summary>The items of an array, or the alternating keys and values of a dictionary.</summary>
    public IReadOnlyList<ContentToken> Items { get; private init; } = [];

    public static ContentToken NumberToken(double value, string text) => new(ContentTokenKind.Number) { Number = value, Text = text };

    public static ContentToken NameToken(string name) => new(ContentTokenKind.Name) { Text = name };

    public static ContentToken StringToken(byte[] bytes) => new(ContentTokenKind.String) { Bytes = bytes };

    public static ContentToken ArrayToken(IReadOnlyList<ContentToken> items) => new(ContentTokenKind.Array) { Items = items };

    public static ContentToken DictionaryToken(IReadOnlyList<ContentToken> items) => new(ContentTokenKind.Dictionary) { Items = items };

    public static ContentToken BooleanToken(bool value) => new(ContentTokenKind.Boolean) { Number = value ? 1 : 0 };

    public static ContentToken NullToken() => new(ContentTokenKind.Null);
}

/// <summary>One operator with its operands and the byte range it spans in the content stream.</summary>
internal sealed record ContentOperation(string Operator, IReadOnlyList<ContentToken> Operands, int Start, int End);
