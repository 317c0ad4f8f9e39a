using System.Text.RegularExpressions;
using System.Xml;

namespace TigerImport.Import.Policies;

/// <summary>
/// The vintage a zip's own metadata names: the FGDC <c>.shp.xml</c> or ISO <c>.shp.iso.xml</c> that Census ships beside
/// the shapefile. Its citation's title names the year ("TIGER/Line Shapefile, 2020, county, …", "2018 Cartographic
/// Boundary File, …") and TIGER/Line's edition is the year ("2020"). Read safely: the members come from the open
/// archive (<see cref="Archive.TigerArchive.ReadMetadata"/>, bounded and CRC-checked), no DTD is processed and
/// nothing external is resolved. Absent or unparseable
/// metadata names nothing (a third party's tool may have dropped or rewritten it): that is no refusal.
/// The feature catalogue (<c>.shp.ea.iso.xml</c>) cites other documents and is not read.
/// </summary>
internal static partial class MetadataVintage
{
    /// <summary>The first year the metadata members (name, bytes) name and where (member, element, text), or null when they name none.</summary>
    public static (int Year, string Where)? Find(IEnumerable<(string Name, byte[] Bytes)> members)
    {
        foreach (var (name, bytes) in members)
        {
            try
            {
                if (Read(name, bytes) is { } found)
                {
                    return found;
                }
            }
            catch (XmlException)
            {
                // Unparseable metadata says nothing about the vintage.
            }
        }

        return null;
    }

    private static (int Year, string Where)? Read(string name, byte[] bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = Archive.TigerArchive.MaxMetadataLength,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        (int, string)? edition = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("title" or "edition"))
            {
                continue;
            }

            var element = reader.LocalName;
            var text = Text(reader);
            var title = element == "title" ? TigerLineTitle().Match(text) : Match.Empty;
            title = title.Success || element != "title" ? title : CartographicTitle().Match(text);
            if (title.Success)
            {
                return (int.Parse(title.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture), $"{name} title '{text}'");
            }

            if (element == "edition" && edition is null && EditionYear().IsMatch(text))
            {
                edition = (int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), $"{name} edition '{text}'");
            }
        }

        return edition;
    }

    /// <summary>An element's text (ISO wraps it in gco:CharacterString), whitespace collapsed, at most 200 characters.</summary>
    private static string Text(XmlReader reader)
    {
        using var subtree = reader.ReadSubtree();
        var text = new System.Text.StringBuilder();
        while (subtree.Read() && text.Length < 1000)
        {
            if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                text.Append(subtree.Value).Append(' ');
            }
        }

        var collapsed = Whitespace().Replace(text.ToString(), " ").Trim();
        return collapsed.Length > 200 ? collapsed[..200] + "…" : collapsed;
    }

    [GeneratedRegex(@"^TIGER/Line\s+Shapefile,\s*(?<year>(19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TigerLineTitle();

    [GeneratedRegex(@"^(?<year>(19|20)\d\d)\s+Cartographic\s+Boundary", RegexOptions.IgnoreCase)]
    private static partial Regex CartographicTitle();

    [GeneratedRegex(@"^(19|20)\d\d$")]
    private static partial Regex EditionYear();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
