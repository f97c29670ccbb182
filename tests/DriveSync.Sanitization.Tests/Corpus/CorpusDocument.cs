namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>One planted PII value and its type.</summary>
internal sealed record PlantedValue(string Type, string Value);

/// <summary>One labelled corpus document: its bytes, the PII planted in it and the look-alikes that must survive.</summary>
internal sealed record CorpusDocument(string FileName, byte[] Content, IReadOnlyList<PlantedValue> Pii, IReadOnlyList<string> LookAlikes);
