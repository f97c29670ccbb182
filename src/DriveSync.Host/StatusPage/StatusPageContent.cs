using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DriveSync.Host.StatusPage;

/// <summary>The status page: one HTML file with its script and style inline, embedded in the executable.</summary>
public static partial class StatusPageContent
{
    private static readonly Lazy<(string Html, string Policy)> Content = new(Load);

    /// <summary>The page's HTML.</summary>
    public static string Html => Content.Value.Html;

    /// <summary>
    /// The Content-Security-Policy that lets exactly the page's own inline script and style run (by hash) and lets it
    /// talk only to its own origin.
    /// </summary>
    public static string ContentSecurityPolicy => Content.Value.Policy;

    private static (string, string) Load()
    {
        using var stream = typeof(StatusPageContent).Assembly.GetManifestResourceStream("DriveSync.Host.StatusPage.status.html")
            ?? throw new InvalidOperationException("The status page resource is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var script = Hash(ScriptBlock().Match(html).Groups[1].Value);
        var style = Hash(StyleBlock().Match(html).Groups[1].Value);
        var policy = $"default-src 'none'; script-src '{script}'; style-src '{style}'; connect-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
        return (html, policy);
    }

    private static string Hash(string block) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block)));

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
