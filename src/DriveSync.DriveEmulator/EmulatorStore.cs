using System.Security.Cryptography;

namespace DriveSync.DriveEmulator;

/// <summary>
/// The emulated Drive's content, in memory: folders, stored files, Google-native files (export only) and shortcuts,
/// with a change log for changes.list. Safe to mutate while the server runs.
/// </summary>
public sealed class EmulatorStore
{
    /// <summary>MIME type of folders.</summary>
    public const string FolderMimeType = "application/vnd.google-apps.folder";

    /// <summary>MIME type of shortcuts.</summary>
    public const string ShortcutMimeType = "application/vnd.google-apps.shortcut";

    private const string GoogleDocMimeType = "application/vnd.google-apps.document";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly List<EmulatedChange> _changes = [];
    private readonly TimeProvider _time;
    private long _nextId;

    /// <summary>Creates a store holding only the root folder.</summary>
    public EmulatorStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        var now = _time.GetUtcNow();
        _files[RootFolderId] = new EmulatedFile { Id = RootFolderId, Name = "My Drive", MimeType = FolderMimeType, CreatedTime = now, ModifiedTime = now };
        _children[RootFolderId] = [];
    }

    /// <summary>Id of the root folder (Drive's alias <c>root</c>).</summary>
    public string RootFolderId => "root";

    /// <summary>Items in the store, the root excluded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _files.Count - 1;
        }
    }

    /// <summary>Adds a folder; returns its id.</summary>
    public string AddFolder(string parentId, string name) =>
        Add(parentId, name, FolderMimeType, file => _children[file.Id] = []);

    /// <summary>Adds a stored (downloadable) file; returns its id.</summary>
    public string AddFile(string parentId, string name, byte[] content, string mimeType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        return Add(parentId, name, mimeType, file =>
        {
            file.Content = content;
            file.Md5Checksum = Md5Hex(content);
        });
    }

    /// <summary>
    /// Adds a Google-native file (e.g. <c>application/vnd.google-apps.document</c>) that cannot be downloaded, only
    /// exported, to each of the given MIME types with the given bytes; returns its id.
    /// </summary>
    public string AddGoogleNativeFile(string parentId, string name, string googleMimeType, IReadOnlyDictionary<string, byte[]> exports)
    {
        ArgumentNullException.ThrowIfNull(exports);
        if (!googleMimeType.StartsWith("application/vnd.google-apps.", StringComparison.Ordinal))
            throw new ArgumentException("A Google-native MIME type starts with application/vnd.google-apps.", nameof(googleMimeType));
        return Add(parentId, name, googleMimeType, file => file.Exports = new Dictionary<string, byte[]>(exports, StringComparer.Ordinal));
    }

    /// <summary>Adds a Google Doc that exports to DOCX from <paramref name="docx"/>; returns its id.</summary>
    public string AddGoogleDoc(string parentId, string name, byte[] docx) =>
        AddGoogleNativeFile(parentId, name, GoogleDocMimeType, new Dictionary<string, byte[]> { [MimeTypes.Docx] = docx });

    /// <summary>Adds a shortcut to <paramref name="targetId"/>; returns the shortcut's id.</summary>
    public string AddShortcut(string parentId, string name, string targetId)
    {
        string targetMime;
        lock (_gate)
            targetMime = Require(targetId).MimeType;
        return Add(parentId, name, ShortcutMimeType, _ => { }, targetId, targetMime);
    }

    /// <summary>Replaces a stored file's content (Google-native: its exports' bytes): new md5, size, version, modifiedTime and a change entry.</summary>
    public void UpdateContent(string fileId, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Mutate(fileId, file =>
        {
            if (file.Exports is not null)
            {
                foreach (var key in file.Exports.Keys.ToList())
                    file.Exports[key] = content;
            }
            else if (file.Content is not null)
            {
                file.Content = content;
                file.Md5Checksum = Md5Hex(content);
            }
            else
            {
                throw new InvalidOperationException($"Emulated item {fileId} has no content.");
            }

            file.ModifiedTime = _time.GetUtcNow();
        });
    }

    /// <summary>
    /// Sets the text OCR "finds" in a stored file (a scanned PDF or image) when files.copy converts it to a Google Doc;
    /// the Doc's DOCX export has one paragraph per line. A file without OCR text converts to an empty document.
    /// </summary>
    public void SetOcrText(string fileId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            var file = Require(fileId);
            if (file.Content is null)
                throw new InvalidOperationException($"Emulated item {fileId} is not a stored file.");
            file.OcrText = text;
        }
    }

    /// <summary>Renames an item (a new version and a change entry).</summary>
    public void Rename(string fileId, string name) => Mutate(fileId, file => file.Name = name);

    /// <summary>Moves an item: adds and removes parents (what files.update does).</summary>
    public void Move(string fileId, IEnumerable<string> addParents, IEnumerable<string> removeParents) =>
        Mutate(fileId, file =>
        {
            foreach (var parent in removeParents)
            {
                if (file.Parents.Remove(parent))
                    _children[parent].Remove(file.Id);
            }

            foreach (var parent in addParents)
            {
                if (Require(parent).MimeType != FolderMimeType)
                    throw new InvalidOperationException($"Emulated item {parent} is not a folder.");
                if (!file.Parents.Contains(parent))
                {
                    file.Parents.Add(parent);
                    _children[parent].Add(file.Id);
                }
            }
        });

    /// <summary>Moves an item to the trash (it stays readable by id, leaves listings with <c>trashed = false</c>).</summary>
    public void Trash(string fileId) => Mutate(fileId, file => file.Trashed = true);

    /// <summary>Deletes an item for good, a folder with everything under it (a removed change entry each).</summary>
    public void Delete(string fileId)
    {
        if (fileId == RootFolderId)
            throw new InvalidOperationException("The root folder cannot be deleted.");
        lock (_gate)
        {
            var file = Require(fileId);
            if (_children.TryGetValue(fileId, out var children))
            {
                foreach (var child in children.ToList())
                    Delete(child);
                _children.Remove(fileId);
            }

            foreach (var parent in file.Parents)
                _children[parent].Remove(fileId);
            _files.Remove(fileId);
            _changes.Add(new EmulatedChange(_changes.Count + 1, fileId, true, _time.GetUtcNow()));
        }
    }

    /// <summary>
    /// What files.copy does: a copy of <paramref name="sourceId"/> named <paramref name="name"/> (default "Copy of …") in
    /// <paramref name="parentId"/> (default the source's folder). With <paramref name="targetMimeType"/> a Google Doc and a
    /// PDF or image source, the copy is a Google Doc made from the source's OCR text.
    /// </summary>
    internal CopyOutcome TryCopy(string sourceId, string? name, string? parentId, string? targetMimeType, string? ocrLanguage, out string id)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(sourceId, out var source) || source.MimeType == FolderMimeType)
            {
                id = sourceId;
                return CopyOutcome.NotFound;
            }

            var parent = parentId ?? source.Parents.FirstOrDefault() ?? RootFolderId;
            if (!_files.TryGetValue(parent, out var folder) || folder.MimeType != FolderMimeType)
            {
                id = parent;
                return CopyOutcome.NotFound;
            }

            var copyName = name ?? "Copy of " + source.Name;
            if (targetMimeType is null || targetMimeType == source.MimeType)
            {
                id = Add(parent, copyName, source.MimeType, copy =>
                {
                    copy.Content = source.Content;
                    copy.Md5Checksum = source.Md5Checksum;
                    copy.Exports = source.Exports is null ? null : new Dictionary<string, byte[]>(source.Exports, StringComparer.Ordinal);
                    copy.OcrText = source.OcrText;
                    copy.CopiedFrom = source.Id;
                });
                return CopyOutcome.Copied;
            }

            if (targetMimeType != GoogleDocMimeType || !IsOcrSource(source.MimeType))
            {
                id = sourceId;
                return CopyOutcome.ConversionNotSupported;
            }

            var text = source.OcrText ?? string.Empty;
            id = Add(parent, copyName, GoogleDocMimeType, copy =>
            {
                copy.Exports = new Dictionary<string, byte[]>(StringComparer.Ordinal)
                {
                    [MimeTypes.Docx] = OcrDocx.Build(text),
                    ["text/plain"] = System.Text.Encoding.UTF8.GetBytes(text),
                };
                copy.CopiedFrom = source.Id;
                copy.OcrLanguage = ocrLanguage;
            });
            return CopyOutcome.Copied;
        }
    }

    /// <summary>Deletes an item if it exists (what files.delete does); false when there is none.</summary>
    internal bool TryDelete(string fileId)
    {
        lock (_gate)
        {
            if (fileId == RootFolderId || !_files.ContainsKey(fileId))
                return false;
            Delete(fileId);
            return true;
        }
    }

    /// <summary>A snapshot of an item, or null.</summary>
    public EmulatedFileInfo? Find(string fileId)
    {
        lock (_gate)
            return _files.TryGetValue(fileId, out var file) ? file.ToInfo() : null;
    }

    /// <summary>Snapshots of every item but the root.</summary>
    public IReadOnlyList<EmulatedFileInfo> Snapshot()
    {
        lock (_gate)
            return _files.Values.Where(f => f.Id != RootFolderId).Select(f => f.ToInfo()).ToList();
    }

    /// <summary>The stored bytes of a file (null for folders and Google-native files).</summary>
    public byte[]? GetContent(string fileId)
    {
        lock (_gate)
            return Require(fileId).Content;
    }

    /// <summary>Loads a directory tree under <paramref name="parentId"/> (default the root); returns the items added.</summary>
    public int LoadDirectory(string directory, string? parentId = null) =>
        DirectoryLoader.Load(this, directory, parentId ?? RootFolderId);

    internal T Read<T>(Func<IReadOnlyDictionary<string, EmulatedFile>, IReadOnlyDictionary<string, List<string>>, T> read)
    {
        lock (_gate)
            return read(_files, _children);
    }

    internal IReadOnlyList<EmulatedChange> ChangesFrom(long sequence, int max, out long nextSequence)
    {
        lock (_gate)
        {
            var start = (int)Math.Clamp(sequence - 1, 0, _changes.Count);
            var page = _changes.Skip(start).Take(max).ToList();
            nextSequence = start + page.Count + 1;
            return page;
        }
    }

    internal long NextChangeSequence
    {
        get
        {
            lock (_gate)
                return _changes.Count + 1;
        }
    }

    private static bool IsOcrSource(string mimeType) =>
        mimeType == "application/pdf" || mimeType.StartsWith("image/", StringComparison.Ordinal);

    internal static string Md5Hex(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));

    private string Add(string parentId, string name, string mimeType, Action<EmulatedFile> init, string? shortcutTarget = null, string? shortcutTargetMime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentId);
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (Require(parentId).MimeType != FolderMimeType)
                throw new InvalidOperationException($"Emulated item {parentId} is not a folder.");
            var now = _time.GetUtcNow();
            var file = new EmulatedFile
            {
                Id = NewId(),
                Name = name,
                MimeType = mimeType,
                ShortcutTargetId = shortcutTarget,
                ShortcutTargetMimeType = shortcutTargetMime,
                CreatedTime = now,
                ModifiedTime = now,
            };
            file.Parents.Add(parentId);
            init(file);
            _files[file.Id] = file;
            _children[parentId].Add(file.Id);
            _changes.Add(new EmulatedChange(_changes.Count + 1, file.Id, false, now));
            return file.Id;
        }
    }

    private void Mutate(string fileId, Action<EmulatedFile> change)
    {
        lock (_gate)
        {
            var file = Require(fileId);
            change(file);
            file.Version++;
            _changes.Add(new EmulatedChange(_changes.Count + 1, fileId, false, _time.GetUtcNow()));
        }
    }

    private EmulatedFile Require(string id) =>
        _files.TryGetValue(id, out var file) ? file : throw new KeyNotFoundException($"No emulated item {id}.");

    // Drive-like opaque ids: 28 characters, unique per store.
    private string NewId() => "1E" + (++_nextId).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9));
}

/// <summary>How a files.copy ended.</summary>
internal enum CopyOutcome
{
    /// <summary>The copy was made.</summary>
    Copied,

    /// <summary>The source or the target folder does not exist.</summary>
    NotFound,

    /// <summary>The source cannot be converted to the requested type.</summary>
    ConversionNotSupported,
}
