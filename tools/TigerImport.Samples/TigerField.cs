namespace TigerImport.Samples;

/// <summary>One .dbf field: name, type, width and decimals as they appear in the file header.</summary>
/// <remarks>Widths count bytes, not characters: "Doña Ana" takes 9 bytes in UTF-8.</remarks>
public sealed record TigerField(string Name, TigerFieldType Type, int Width, int Decimals = 0)
{
    /// <summary>A C field of <paramref name="width"/> bytes.</summary>
    public static TigerField Text(string name, int width) => new(name, TigerFieldType.Character, width);

    /// <summary>An N field, e.g. <c>Number("ALAND", 14)</c> for Census's N(14,0).</summary>
    public static TigerField Number(string name, int width, int decimals = 0) =>
        new(name, TigerFieldType.Numeric, width, decimals);

    /// <summary>A D field; dBASE dates are always 8 bytes.</summary>
    public static TigerField Date(string name) => new(name, TigerFieldType.Date, 8);
}
