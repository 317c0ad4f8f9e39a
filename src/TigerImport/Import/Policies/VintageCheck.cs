using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Archive;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// The file's own vintage markers agree with the vintage it is published as, so a 2010 file is never published as
/// 2020 (nor a 2021 file as 2016): the field-name suffixes (2010's decennial files say <c>GEOID10</c>, a 2010-decade
/// file has no <c>…20</c> field and a file of the 2020s no bare <c>…10</c> key), <c>GEOIDFQ</c> (Census adds it from
/// the 2023 vintage on: an earlier vintage's file never has it), the .dbf header's date, which Census writes in the
/// vintage's year or later, and the year the zip's own metadata names (<see cref="MetadataVintage"/>). Dates measured
/// on the 30 real zips and the lone .dbf in ../shared/tiger (vintage → .dbf year: files): 2010 → 2010: 19 and
/// 2011: 4 (the island areas'), 2016 → 2016, 2021 → 2021, 2020 → 2021 (3, cartographic included), cartographic
/// 2018 → 2019 and 2024 → 2025, the 2019 PLACE .dbf → 2021: never before the vintage's year, at most two after. A date of zero or an impossible
/// month is no marker (a third party's tool wrote it).
/// </summary>
internal static class VintageCheck
{
    /// <summary>The years after the vintage that a .dbf date may carry.</summary>
    public const int DateSlackAfter = 2;

    /// <summary>The years before the vintage that a .dbf date may carry: none (a vintage's files are made in its year or after).</summary>
    public const int DateSlackBefore = 0;

    /// <summary>The first vintage whose files carry <c>GEOIDFQ</c>, the fully qualified GEOID.</summary>
    public const int FullyQualifiedGeoidSince = 2023;

    private static readonly string[] Markers = ["GEOID", "STATEFP", "ALAND"];

    public static void Verify(DbfFieldCollection fields, TigerFile file, TigerArchive archive)
    {
        var year = file.Year;
        var tens = Markers.Where(m => FieldLookup.Has(fields, m + "10")).ToList();
        var twenties = Markers.Where(m => FieldLookup.Has(fields, m + "20")).ToList();
        var plain = Markers.Where(m => FieldLookup.Has(fields, m)).ToList();
        if (twenties.Count > 0 && year < 2020)
        {
            throw Failed(file, $"its fields {string.Join(", ", twenties.Select(m => m + "20"))} are a 2020s file's, not {year}'s");
        }

        // A layer of the 2010 Census's geography still published in the 2020s (UAC's uac10, PUMA's puma10) says so in its name.
        if (tens.Count > 0 && twenties.Count == 0 && plain.Count == 0 && year >= 2020 && file.Vintage.FieldSuffix != "10")
        {
            throw Failed(file, $"its fields {string.Join(", ", tens.Select(m => m + "10"))} (and no current or …20 ones) are a 2010-decade file's, not {year}'s");
        }

        if (year == 2010 && file.Vintage.FieldSuffix == "10" && tens.Count == 0 && plain.Count > 0)
        {
            throw Failed(file, $"2010's decennial {file.Layer.Key} files name their fields {string.Join(", ", plain.Select(m => m + "10"))}; this one has {string.Join(", ", plain)}, a later vintage's");
        }

        if (year < FullyQualifiedGeoidSince && new[] { "GEOIDFQ", "GEOIDFQ10", "GEOIDFQ20" }.FirstOrDefault(f => FieldLookup.Has(fields, f)) is { } fullyQualified)
        {
            throw Failed(file, $"its field {fullyQualified} is a {FullyQualifiedGeoidSince}-or-later file's (Census adds the fully qualified GEOID from the {FullyQualifiedGeoidSince} vintage on)");
        }

        // From the archive already open, its members checked: the zip is not opened again beside it.
        if (archive.DbfLastUpdate is { } date && (date.Year < year - DateSlackBefore || date.Year > year + DateSlackAfter))
        {
            throw Failed(file, $"its .dbf header is dated {date:yyyy-MM-dd}, which no {year} file carries (Census dates a vintage's files {year - DateSlackBefore}–{year + DateSlackAfter})");
        }

        if (MetadataVintage.Find(archive.ReadMetadata()) is { } stated && stated.Year != year)
        {
            throw Failed(file, $"its metadata names the {stated.Year} vintage ({stated.Where})");
        }
    }

    private static TigerImportException Failed(TigerFile file, string detail) =>
        PlausibilityCheck.Failed(file.FileName, "vintage", $"{detail}; it is not the {file.Year} vintage it is published as");
}
