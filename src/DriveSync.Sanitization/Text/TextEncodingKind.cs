namespace DriveSync.Sanitization.Text;

/// <summary>How the bytes of a text document are mapped to characters and back without losing any byte.</summary>
internal enum TextEncodingKind
{
    /// <summary>UTF-8 (with or without BOM), ASCII or any ASCII-compatible encoding: each byte is one character (Latin-1), so invalid sequences pass through unchanged.</summary>
    Bytes,

    /// <summary>UTF-16 little-endian: each byte pair is one UTF-16 code unit, unpaired surrogates included.</summary>
    Utf16LittleEndian,

    /// <summary>UTF-16 big-endian.</summary>
    Utf16BigEndian,
}
