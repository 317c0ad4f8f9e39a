using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>
/// The field names Census writes in TIGER/Line and cartographic boundary files, so a first load cannot make dozens of
/// junk fields columns of a table every later state's file is then held to (<see cref="Load.ColumnDrift"/>). Public
/// Census facts: every field of every real file at hand (the 2010 tracts, 2016 and 2021 ADDRFEAT, 2020 and 2024 EDGES,
/// 2024 CD, SLDU, PLACE, COUNTY, STATE and ZCTA520, the 2018–2024 cartographic files) and the TIGER/Line technical
/// documentation's record layouts for the other layers of <see cref="TigerLayers"/>, back to the 2007–2009 releases
/// (CNTYIDFP, PLCIDFP…). A name is known when it is an entry with an optional vintage suffix (00, 10, 20, 30: GEOID20,
/// STATEFP10); <c>#</c> in an entry stands for a digit (CD116FP, CD119FP).
/// </summary>
public static class CensusFieldNames
{
    private static readonly string[] Entries =
    [
        // Geographic codes, names and the area fields of every polygon layer.
        "STATEFP", "STATENS", "STUSPS", "STATE_NAME", "REGION", "DIVISION", "COUNTYFP", "COUNTYNS", "CNTYIDFP", "NAMELSADCO",
        "COUSUBFP", "COUSUBNS", "COSBIDFP", "COUSUBIDFP", "PLACEFP", "PLACENS", "PLCIDFP", "PCICBSA", "PCINECTA",
        "TRACTCE", "CTIDFP", "BLKGRPCE", "BKGPIDFP", "BLOCKCE", "BLKIDFP", "SUFFIX1CE", "GEOID", "GEOIDFQ", "AFFGEOID",
        "NAME", "NAMELSAD", "LSAD", "CLASSFP", "MTFCC", "FUNCSTAT", "ALAND", "AWATER", "INTPTLAT", "INTPTLON",
        "UR", "UACE", "UATYP", "UATYPE", "HOUSING", "POP",
        // Districts: congressional, state legislative, school, voting.
        "CDFP", "CD###FP", "CDSESSN", "SLDUST", "SLDLST", "SLDUIDFP", "SLDLIDFP", "LSY", "ELSDLEA", "SCSDLEA", "UNSDLEA",
        "SDADMLEA", "SDTYP", "LOGRADE", "HIGRADE", "VTDST", "VTDIDFP", "VTDI",
        // Statistical areas.
        "CSAFP", "CBSAFP", "METDIVFP", "CNECTAFP", "NECTAFP", "NCTADVFP", "MEMI", "NMEMI", "PUMACE", "PUMA#CE", "ZCTA5CE",
        "ZCTA#CE", "ZCTAIDFP",
        // American Indian, Alaska Native and Native Hawaiian areas; the island areas' subdivisions.
        "AIANNHCE", "AIANNHNS", "AIANNHFP", "AIANNHR", "COMPTYP", "AITSCE", "AITSNS", "TRSUBCE", "TRSUBNS", "TRSUBFP",
        "TTRACTCE", "TBLKGPCE", "ANRCFP", "ANRCNS", "CONCTYFP", "CONCTYNS", "SUBMCDFP", "SUBMCDNS", "ESTATEFP", "ESTATENS",
        // Landmarks, water, roads and rails.
        "ANSICODE", "AREAID", "POINTID", "HYDROID", "LINEARID", "FULLNAME", "RTTYP", "PARTFLG", "ARTPATH",
        // EDGES, FACES and their relationship files.
        "TLID", "TFID", "TFIDL", "TFIDR", "TNIDF", "TNIDT", "SMID", "LFROMADD", "LTOADD", "RFROMADD", "RTOADD", "ZIPL", "ZIPR",
        "FEATCAT", "HYDROFLG", "RAILFLG", "ROADFLG", "OLFFLG", "PASSFLG", "DIVROAD", "EXTTYP", "TTYP", "DECKEDROAD",
        "PERSIST", "GCSEFLG", "OFFSETL", "OFFSETR", "LWFLAG", "OFFSET", "ATOTAL",
        // Address ranges and feature names (ADDR, ADDRFEAT, ADDRFN, FEATNAMES, OTHERID).
        "ARID", "ARIDL", "ARIDR", "FROMHN", "TOHN", "SIDE", "ZIP", "PLUS4", "FROMTYP", "TOTYP", "FROMARMID", "TOARMID",
        "LFROMHN", "LTOHN", "RFROMHN", "RTOHN", "EDGE_MTFCC", "ROAD_MTFCC", "PARITYL", "PARITYR", "PLUS4L", "PLUS4R",
        "LFROMTYP", "LTOTYP", "RFROMTYP", "RTOTYP", "PREDIRABRV", "PRETYPABRV", "PREQUALABR", "SUFDIRABRV", "SUFTYPABRV",
        "SUFQUALABR", "PREDIR", "PRETYP", "PREQUAL", "SUFDIR", "SUFTYP", "SUFQUAL", "PAFLAG", "SOURCE", "TLIDFR", "TLIDTO",
    ];

    private static readonly Regex Known = new(
        "^(?:" + string.Join("|", Entries.Select(e => Regex.Escape(e).Replace("\\#", "[0-9]", StringComparison.Ordinal))) + ")(?:00|10|20|30)?$",
        RegexOptions.CultureInvariant);

    /// <summary>Whether Census writes a field of this name (any case).</summary>
    public static bool Knows(string fieldName) => Known.IsMatch(fieldName.ToUpperInvariant());
}
