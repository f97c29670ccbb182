using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.Loader;

namespace DriveSync.Deployment.Tests;

/// <summary>
/// The settings the app knows, found by reflection so the catalog follows the code:
/// every public type named <c>*Options</c> in the app's assemblies with a public <c>SectionName</c> constant or
/// static starting with <c>DriveSync:</c> contributes its public settable properties (nested options classes
/// recursively; lists and dictionaries as prefixes followed by one free segment, the index or key).
/// Public string constants named <c>*Key</c> on those types whose value is an UPPER_SNAKE variable name
/// (e.g. <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>) are settings the app reads under their platform name.
/// </summary>
internal sealed class OptionsCatalog
{
    private const int MaxDepth = 8;

    private OptionsCatalog(IReadOnlyList<OptionsSection> sections, IReadOnlyList<string> platformKeys)
    {
        Sections = sections;
        PlatformKeys = platformKeys;
        Patterns = sections.SelectMany(section => section.Settings).ToList();
    }

    /// <summary>The catalog of the app in the test's output directory.</summary>
    public static OptionsCatalog App { get; } = Discover(LoadAppAssemblies());

    /// <summary>Every options class found, with its section.</summary>
    public IReadOnlyList<OptionsSection> Sections { get; }

    /// <summary>Every setting of every section.</summary>
    public IReadOnlyList<SettingPattern> Patterns { get; }

    /// <summary>Environment variables the app reads by their platform name.</summary>
    public IReadOnlyList<string> PlatformKeys { get; }

    /// <summary>Whether <paramref name="key"/> is a setting of some section.</summary>
    public bool IsKnown(SettingKey key) => Patterns.Any(pattern => pattern.Matches(key));

    /// <summary>The options property <paramref name="key"/> binds to, or null.</summary>
    public SettingPattern? Find(SettingKey key) => Patterns.FirstOrDefault(pattern => pattern.Matches(key));

    /// <summary>Builds the catalog from the options classes in <paramref name="assemblies"/>.</summary>
    public static OptionsCatalog Discover(IEnumerable<Assembly> assemblies)
    {
        var sections = new List<OptionsSection>();
        var platformKeys = new List<string>();
        foreach (var type in assemblies.SelectMany(assembly => assembly.GetExportedTypes()).Where(IsOptionsType))
        {
            platformKeys.AddRange(PlatformKeyConstants(type));
            if (SectionNameOf(type) is { } sectionName && sectionName.StartsWith("DriveSync:", StringComparison.Ordinal))
            {
                var settings = new List<SettingPattern>();
                Walk(type, sectionName.Split(':'), settings, depth: 0);
                sections.Add(new OptionsSection(type, sectionName, settings));
            }
        }

        return new OptionsCatalog(sections, platformKeys.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The app's assemblies next to the test binaries: <c>drivesync.dll</c> (the host) and <c>DriveSync.*.dll</c>.</summary>
    public static IReadOnlyList<Assembly> LoadAppAssemblies()
    {
        var self = typeof(OptionsCatalog).Assembly.Location;
        return Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path).StartsWith("DriveSync.", StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(path), "drivesync.dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => !string.Equals(Path.GetFullPath(path), Path.GetFullPath(self), StringComparison.Ordinal))
            .Where(path => !Path.GetFileName(path).StartsWith("DriveSync.Testing", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => AssemblyLoadContext.Default.LoadFromAssemblyName(AssemblyName.GetAssemblyName(path)))
            .ToList();
    }

    /// <summary>The value of the type's public static <c>SectionName</c> field or property, or null.</summary>
    public static string? SectionNameOf(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        return type.GetField("SectionName", flags)?.GetValue(null) as string
            ?? type.GetProperty("SectionName", flags)?.GetValue(null) as string;
    }

    private static bool IsOptionsType(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.Name.EndsWith("Options", StringComparison.Ordinal);

    private static IEnumerable<string> PlatformKeyConstants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string) && field.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(value => value.Length > 1 && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'));

    private static void Walk(Type type, IReadOnlyList<string> prefix, List<SettingPattern> settings, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"Options nest deeper than {MaxDepth} levels at {string.Join(':', prefix)}.");
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }

            var settable = property.SetMethod is { IsPublic: true };
            var path = prefix.Append(property.Name).ToList();
            var kind = Classify(property.PropertyType);
            if (kind.Shape == Shape.Scalar && settable)
            {
                settings.Add(new SettingPattern(path));
            }
            else if (kind.Shape is Shape.Collection && (settable || !property.PropertyType.IsArray))
            {
                AddElement(kind.ElementType!, path.Append(SettingPattern.Any).ToList(), settings, depth);
            }
            else if (kind.Shape == Shape.Complex)
            {
                Walk(property.PropertyType, path, settings, depth + 1);
            }
        }
    }

    private static void AddElement(Type elementType, List<string> path, List<SettingPattern> settings, int depth)
    {
        switch (Classify(elementType))
        {
            case { Shape: Shape.Scalar }:
                settings.Add(new SettingPattern(path));
                break;
            case { Shape: Shape.Collection, ElementType: { } inner }:
                AddElement(inner, path.Append(SettingPattern.Any).ToList(), settings, depth);
                break;
            case { Shape: Shape.Complex }:
                Walk(elementType, path, settings, depth + 1);
                break;
        }
    }

    private static (Shape Shape, Type? ElementType) Classify(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)
            || underlying == typeof(Guid) || underlying == typeof(Uri)
            || TypeDescriptor.GetConverter(underlying).CanConvertFrom(typeof(string)))
        {
            return (Shape.Scalar, null);
        }

        var dictionary = GenericInterface(underlying, typeof(IDictionary<,>)) ?? GenericInterface(underlying, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return (Shape.Collection, dictionary.GetGenericArguments()[1]);
        }

        var enumerable = GenericInterface(underlying, typeof(IEnumerable<>));
        if (enumerable is not null && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            return (Shape.Collection, enumerable.GetGenericArguments()[0]);
        }

        var bindable = underlying is { IsClass: true, IsAbstract: false } && underlying.GetConstructor(Type.EmptyTypes) is not null;
        return bindable ? (Shape.Complex, null) : (Shape.Unbindable, null);
    }

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private enum Shape
    {
        Scalar,
        Collection,
        Complex,
        Unbindable,
    }
}

/// <summary>One options class, the section it binds from and its settings.</summary>
internal sealed record OptionsSection(Type OptionsType, string SectionName, IReadOnlyList<SettingPattern> Settings);
