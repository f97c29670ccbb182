namespace DriveSync.DriveEmulator;

/// <summary>Loads a local directory tree into an <see cref="EmulatorStore"/>.</summary>
internal static class DirectoryLoader
{
    /// <summary><c>scan.pdf.ocr.txt</c> next to <c>scan.pdf</c> is the text OCR "finds" in it; the sidecar itself is not served.</summary>
    public const string OcrSidecarSuffix = ".ocr.txt";

    public static int Load(EmulatorStore store, string directory, string parentId)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The directory to serve does not exist: {directory}");
        var added = 0;
        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var folderId = store.AddFolder(parentId, Path.GetFileName(sub));
            added += 1 + Load(store, sub, folderId);
        }

        var natives = new Dictionary<(string Google, string Name), Dictionary<string, byte[]>>();
        var paths = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToList();
        var names = paths.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(OcrSidecarSuffix, StringComparison.Ordinal) && names.Contains(name[..^OcrSidecarSuffix.Length]))
                continue;
            if (MimeTypes.ParseGoogleNative(name) is { } native)
            {
                var key = (native.GoogleMimeType, native.DriveName);
                if (!natives.TryGetValue(key, out var exports))
                    natives[key] = exports = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                exports[native.ExportMimeType] = File.ReadAllBytes(path);
                continue;
            }

            var id = store.AddFile(parentId, name, File.ReadAllBytes(path), MimeTypes.ForFileName(name));
            if (names.Contains(name + OcrSidecarSuffix))
                store.SetOcrText(id, File.ReadAllText(path + OcrSidecarSuffix));
            added++;
        }

        foreach (var ((google, name), exports) in natives)
        {
            store.AddGoogleNativeFile(parentId, name, google, exports);
            added++;
        }

        return added;
    }
}
