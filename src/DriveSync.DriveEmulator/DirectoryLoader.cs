namespace DriveSync.DriveEmulator;

/// <summary>Loads a local directory tree into an <see cref="EmulatorStore"/>.</summary>
internal static class DirectoryLoader
{
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
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (MimeTypes.ParseGoogleNative(name) is { } native)
            {
                var key = (native.GoogleMimeType, native.DriveName);
                if (!natives.TryGetValue(key, out var exports))
                    natives[key] = exports = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                exports[native.ExportMimeType] = File.ReadAllBytes(path);
                continue;
            }

            store.AddFile(parentId, name, File.ReadAllBytes(path), MimeTypes.ForFileName(name));
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
