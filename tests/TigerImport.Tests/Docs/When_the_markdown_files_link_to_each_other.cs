using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Docs;

/// <summary>
/// Every relative link in the repository's markdown files resolves: the file or folder exists, and a <c>#fragment</c>
/// into a markdown file names one of its headings (GitHub's anchors). Links inside code (fenced or inline) are text,
/// not links; web and mail links are not followed.
/// </summary>
public sealed partial class When_the_markdown_files_link_to_each_other
{
    /// <summary>Folders that hold build output, local state or other people's files, never the project's docs.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", ".local", "node_modules", ".git", ".terraform" };

    [Fact]
    public void Every_relative_link_in_the_markdown_files_resolves()
    {
        var files = MarkdownFiles(RepoPaths.Root).ToList();
        Assert.Contains(Path.Combine(RepoPaths.Root, "README.md"), files);

        var links = files.SelectMany(file => LinksIn(file).Select(link => (File: file, link.Line, link.Target))).ToList();
        Assert.NotEmpty(links);

        var broken = links
            .Select(link => (link.File, link.Line, link.Target, Problem: ProblemOf(link.File, link.Target)))
            .Where(link => link.Problem is not null)
            .Select(link => $"{Path.GetRelativePath(RepoPaths.Root, link.File)}:{link.Line}: ({link.Target}) {link.Problem}")
            .ToList();
        Assert.True(broken.Count == 0, $"{broken.Count} broken link(s) of {links.Count}:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("Exit codes", "exit-codes")]
    [InlineData("What each failure does", "what-each-failure-does")]
    [InlineData("Runbook (production: ECS Fargate)", "runbook-production-ecs-fargate")]
    [InlineData("`tigerimport plan`: what an import would do", "tigerimport-plan-what-an-import-would-do")]
    [InlineData("Dependencies: why each package is there", "dependencies-why-each-package-is-there")]
    [InlineData("NAD83 → WGS 84", "nad83--wgs-84")]
    [InlineData("**Bold** and [a link](x.md)", "bold-and-a-link")]
    public void Anchors_are_made_as_GitHub_makes_them(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    [Fact]
    public void A_link_to_a_missing_file_or_heading_is_found()
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "page.md");
        File.WriteAllText(page, "# Title\n\n## A section\n\n[ok](page.md#a-section) [gone](missing.md) [no heading](page.md#nowhere)\n```\n[code](not-a-link.md)\n```\n`[inline](not-a-link.md)`\n");

        var problems = LinksIn(page).Select(link => (link.Target, Problem: ProblemOf(page, link.Target))).Where(l => l.Problem is not null).Select(l => l.Target);

        Assert.Equal(["missing.md", "page.md#nowhere"], problems);
    }

    /// <summary>Why a link does not resolve, or null when it does (web, mail and other schemes are not followed).</summary>
    private static string? ProblemOf(string file, string target)
    {
        if (SchemeLink().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var fragment = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var resolved = pathPart.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, pathPart));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "does not exist";
        }

        if (string.IsNullOrEmpty(fragment) || !File.Exists(resolved) || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return AnchorsOf(resolved).Contains(fragment.ToLowerInvariant()) ? null : $"has no heading with the anchor #{fragment}";
    }

    private static IEnumerable<string> MarkdownFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(sub)))
            {
                foreach (var file in MarkdownFiles(sub))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>The inline links <c>[text](target)</c> (images too) and reference definitions <c>[label]: target</c> outside code.</summary>
    private static IEnumerable<(int Line, string Target)> LinksIn(string file)
    {
        foreach (var (number, text) in ProseLines(file))
        {
            var prose = InlineCode().Replace(text, "");
            foreach (Match match in InlineLink().Matches(prose))
            {
                yield return (number, match.Groups["target"].Value.Trim('<', '>'));
            }

            if (ReferenceDefinition().Match(prose) is { Success: true } reference)
            {
                yield return (number, reference.Groups["target"].Value.Trim('<', '>'));
            }
        }
    }

    /// <summary>The anchors GitHub gives a file's headings: the slug, then <c>-1</c>, <c>-2</c>… for repeats.</summary>
    private static HashSet<string> AnchorsOf(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in ProseLines(file))
        {
            if (Heading().Match(text) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            var repeats = seen.GetValueOrDefault(slug);
            seen[slug] = repeats + 1;
            anchors.Add(repeats == 0 ? slug : $"{slug}-{repeats}");
        }

        return anchors;
    }

    /// <summary>GitHub's heading slug: the heading's text as shown, lower case, punctuation dropped, each space a hyphen.</summary>
    private static string Slug(string heading)
    {
        var shown = InlineLink().Replace(heading, m => m.Groups["text"].Value).Replace("`", "").Replace("*", "");
        var slug = new StringBuilder();
        foreach (var c in shown.Trim().ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    /// <summary>The file's lines (numbered from 1) outside fenced code blocks.</summary>
    private static IEnumerable<(int Number, string Text)> ProseLines(string file)
    {
        string? fence = null;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            yield return (number, line);
        }
    }

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target><[^>]*>|[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(`+)[^`].*?\1")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    /// <summary>http:, https:, mailto: and any other scheme: not a file of this repository.</summary>
    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemeLink();
}
