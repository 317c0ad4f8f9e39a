using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>
/// Parses Census file names such as <c>tl_2010_25_tract10.zip</c>, <c>tl_2024_48_cd119.zip</c> or, for cartographic
/// boundaries, <c>cb_2019_49_place_500k.zip</c>.
/// </summary>
public static partial class TigerFileName
{
    /// <summary>Reads year, layer and scope from a file name (any folder part is ignored); false when it is not a zip this catalog knows.</summary>
    public static bool TryParse(string path, [NotNullWhen(true)] out TigerFile? file)
    {
        file = null;
        var name = Path.GetFileName(path);
        var match = Pattern().Match(name);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var scopeCode = match.Groups["scope"].Value.ToLowerInvariant();
        var token = match.Groups["token"].Value.ToLowerInvariant();
        var layers = match.Groups["prefix"].Value.Equals("cb", StringComparison.OrdinalIgnoreCase) ? CartographicLayers.All : TigerLayers.All;
        var vintage = layers.Where(l => l.IsPublishedIn(year))
            .Select(l => l.InYear(year))
            .FirstOrDefault(v => v.MatchesToken(token));
        if (vintage is null)
        {
            return false;
        }

        var scope = scopeCode switch
        {
            "us" => LayerScope.Nation,
            { Length: 2 } => LayerScope.State,
            _ => LayerScope.County,
        };
        if (scope != LayerScope.Nation && !UsStates.TryFind(scopeCode[..2], out _))
        {
            return false;
        }

        file = new TigerFile(vintage, scope, scopeCode, name);
        return true;
    }

    /// <summary>
    /// Reads a special release's file name (<c>tl_rd22_08_cd118.zip</c>: a prefix of its own instead of the year) as a
    /// file of <paramref name="vintage"/>'s layer; false when it is not one of that layer's files.
    /// </summary>
    public static bool TryParseInRelease(string path, TigerLayerVintage vintage, [NotNullWhen(true)] out TigerFile? file)
    {
        file = null;
        var match = ReleasePattern().Match(Path.GetFileName(path));
        if (!match.Success || !vintage.MatchesToken(match.Groups["token"].Value.ToLowerInvariant()))
        {
            return false;
        }

        var scopeCode = match.Groups["scope"].Value.ToLowerInvariant();
        if (scopeCode != "us" && !UsStates.TryFind(scopeCode, out _))
        {
            return false;
        }

        file = new TigerFile(
            vintage with { ReleaseTag = match.Groups["tag"].Value.ToLowerInvariant() }, scopeCode == "us" ? LayerScope.Nation : LayerScope.State, scopeCode, Path.GetFileName(path));
        return true;
    }

    [GeneratedRegex(@"^(?<prefix>tl|cb)_(?<year>[0-9]{4})_(?<scope>us|[0-9]{2}|[0-9]{5})_(?<token>[a-z0-9]+(_(500k|5m|20m))?(_[a-z0-9]+)?)\.zip$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>A release's own prefix: letters then digits (<c>rd22</c>), never a 4-digit year.</summary>
    [GeneratedRegex(@"^tl_(?<tag>[a-z]+[0-9]*)_(?<scope>us|[0-9]{2})_(?<token>[a-z0-9]+(_[a-z0-9]+)?)\.zip$", RegexOptions.IgnoreCase)]
    private static partial Regex ReleasePattern();
}
