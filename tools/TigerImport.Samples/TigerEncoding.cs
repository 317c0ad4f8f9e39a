using System.Text;

namespace TigerImport.Samples;

/// <summary>How a sample's .dbf text is encoded and what its .cpg says.</summary>
/// <param name="DbfEncoding">The encoding of the text bytes in the .dbf.</param>
/// <param name="CpgText">The .cpg content, or null for no .cpg at all. It may disagree with <paramref name="DbfEncoding"/> on purpose.</param>
public sealed record TigerEncoding(Encoding DbfEncoding, string? CpgText)
{
    /// <summary>What Census ships from 2015 on: UTF-8 text and a .cpg that reads <c>UTF-8</c>.</summary>
    /// <remarks>Encoding.UTF8 (not a BOM-less instance) because the DBF writer maps exactly it to language driver id 0, as in Census files.</remarks>
    public static TigerEncoding Utf8 { get; } = new(Encoding.UTF8, "UTF-8");

    /// <summary>What Census shipped through 2014: Latin-1 text and no .cpg.</summary>
    public static TigerEncoding Latin1WithoutCpg { get; } = new(Encoding.Latin1, null);
}
