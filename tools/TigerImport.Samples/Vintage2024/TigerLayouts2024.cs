namespace TigerImport.Samples.Vintage2024;

/// <summary>The .dbf layouts of 2024 TIGER/Line layers: field order, types and widths as Census ships them.</summary>
/// <remarks>
/// 2023 added GEOIDFQ (the fully qualified GEOID, e.g. 0500000US35013) after GEOID; its width is the length of its
/// values. Every code is text so leading zeros survive; ALAND and AWATER are N(14,0) because they exceed 32 bits.
/// Tests can build large or odd files with these layouts and their own features.
/// </remarks>
public static class TigerLayouts2024
{
    /// <summary>tl_2024_us_state.</summary>
    public static IReadOnlyList<TigerField> State { get; } =
    [
        TigerField.Text("REGION", 2),
        TigerField.Text("DIVISION", 2),
        TigerField.Text("STATEFP", 2),
        TigerField.Text("STATENS", 8),
        TigerField.Text("GEOID", 2),
        TigerField.Text("GEOIDFQ", 11),
        TigerField.Text("STUSPS", 2),
        TigerField.Text("NAME", 100),
        TigerField.Text("LSAD", 2),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FUNCSTAT", 1),
        .. AreaAndInternalPoint(""),
    ];

    /// <summary>tl_2024_us_county.</summary>
    public static IReadOnlyList<TigerField> County { get; } =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("COUNTYFP", 3),
        TigerField.Text("COUNTYNS", 8),
        TigerField.Text("GEOID", 5),
        TigerField.Text("GEOIDFQ", 14),
        TigerField.Text("NAME", 100),
        TigerField.Text("NAMELSAD", 100),
        TigerField.Text("LSAD", 2),
        TigerField.Text("CLASSFP", 2),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("CSAFP", 3),
        TigerField.Text("CBSAFP", 5),
        TigerField.Text("METDIVFP", 5),
        TigerField.Text("FUNCSTAT", 1),
        .. AreaAndInternalPoint(""),
    ];

    /// <summary>tl_2024_{state}_cd119: congressional districts of the 119th Congress, one file per state since 2022.</summary>
    public static IReadOnlyList<TigerField> CongressionalDistrict119 { get; } =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("CD119FP", 2),
        TigerField.Text("GEOID", 4),
        TigerField.Text("GEOIDFQ", 13),
        TigerField.Text("NAMELSAD", 41),
        TigerField.Text("LSAD", 2),
        TigerField.Text("CDSESSN", 3),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FUNCSTAT", 1),
        .. AreaAndInternalPoint(""),
    ];

    /// <summary>tl_2024_{state}_sldu: state legislative districts, upper chamber.</summary>
    public static IReadOnlyList<TigerField> StateLegislativeUpper { get; } = StateLegislative("SLDUST");

    /// <summary>tl_2024_{state}_sldl: state legislative districts, lower chamber.</summary>
    public static IReadOnlyList<TigerField> StateLegislativeLower { get; } = StateLegislative("SLDLST");

    /// <summary>tl_2024_{state}_place: incorporated places and census designated places.</summary>
    public static IReadOnlyList<TigerField> Place { get; } =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("PLACEFP", 5),
        TigerField.Text("PLACENS", 8),
        TigerField.Text("GEOID", 7),
        TigerField.Text("GEOIDFQ", 16),
        TigerField.Text("NAME", 100),
        TigerField.Text("NAMELSAD", 100),
        TigerField.Text("LSAD", 2),
        TigerField.Text("CLASSFP", 2),
        TigerField.Text("PCICBSA", 1),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FUNCSTAT", 1),
        .. AreaAndInternalPoint(""),
    ];

    /// <summary>tl_2024_us_zcta520: ZIP Code Tabulation Areas of the 2020 Census; every field carries the suffix 20.</summary>
    public static IReadOnlyList<TigerField> Zcta520 { get; } =
    [
        TigerField.Text("ZCTA5CE20", 5),
        TigerField.Text("GEOID20", 5),
        TigerField.Text("GEOIDFQ20", 14),
        TigerField.Text("CLASSFP20", 2),
        TigerField.Text("MTFCC20", 5),
        TigerField.Text("FUNCSTAT20", 1),
        .. AreaAndInternalPoint("20"),
    ];

    /// <summary>tl_2024_{county}_edges: all lines; unchanged since 2017 dropped DIVROAD.</summary>
    public static IReadOnlyList<TigerField> Edges { get; } =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("COUNTYFP", 3),
        TigerField.Number("TLID", 10),
        TigerField.Number("TFIDL", 10),
        TigerField.Number("TFIDR", 10),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FULLNAME", 100),
        TigerField.Text("SMID", 22),
        TigerField.Text("LFROMADD", 12),
        TigerField.Text("LTOADD", 12),
        TigerField.Text("RFROMADD", 12),
        TigerField.Text("RTOADD", 12),
        TigerField.Text("ZIPL", 5),
        TigerField.Text("ZIPR", 5),
        TigerField.Text("FEATCAT", 1),
        TigerField.Text("HYDROFLG", 1),
        TigerField.Text("RAILFLG", 1),
        TigerField.Text("ROADFLG", 1),
        TigerField.Text("OLFFLG", 1),
        TigerField.Text("PASSFLG", 1),
        TigerField.Text("EXTTYP", 1),
        TigerField.Text("TTYP", 1),
        TigerField.Text("DECKEDROAD", 1),
        TigerField.Text("ARTPATH", 1),
        TigerField.Text("PERSIST", 1),
        TigerField.Text("GCSEFLG", 1),
        TigerField.Text("OFFSETL", 1),
        TigerField.Text("OFFSETR", 1),
        TigerField.Number("TNIDF", 10),
        TigerField.Number("TNIDT", 10),
    ];

    // Both chambers share one layout; only the district code's name differs.
    private static TigerField[] StateLegislative(string districtField) =>
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text(districtField, 3),
        TigerField.Text("GEOID", 5),
        TigerField.Text("GEOIDFQ", 14),
        TigerField.Text("NAMELSAD", 100),
        TigerField.Text("LSAD", 2),
        TigerField.Text("LSY", 4),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FUNCSTAT", 1),
        .. AreaAndInternalPoint(""),
    ];

    // The four fields that close every area layout; ZCTA520 names them with the census year suffix.
    private static TigerField[] AreaAndInternalPoint(string suffix) =>
    [
        TigerField.Number("ALAND" + suffix, 14),
        TigerField.Number("AWATER" + suffix, 14),
        TigerField.Text("INTPTLAT" + suffix, 11),
        TigerField.Text("INTPTLON" + suffix, 12),
    ];
}
