using System.Collections.Frozen;

namespace TigerImport.Catalog;

/// <summary>
/// The extent (NAD83 longitude/latitude, degrees) each state's features may occupy, so a file whose shapes were moved
/// (every coordinate shifted, x and y swapped) is refused instead of published. Public Census facts, generated from real
/// files: the envelope of each state in Census's cartographic boundary file <c>cb_2020_us_state_20m.zip</c>, widened to
/// the extent of the state's 2010 TIGER/Line tract file where one was at hand (TIGER/Line reaches into coastal and
/// Great Lakes water and, for Hawaii, the Northwestern Hawaiian Islands, which the 20m file leaves out), and for the
/// island areas (60, 66, 69, 78) that tract file alone. U.S. Minor Outlying Islands (74) have no entry: the nation's
/// envelope applies. Checks add each box's margin to each side: <see cref="TigerLineMargin"/> where the entry is a
/// TIGER/Line extent, <see cref="GeneralizedMargin"/> where it is the 20m file's alone. There is no county table: a
/// county file is held to its state's envelope.
/// </summary>
public static class StateEnvelopes
{
    /// <summary>
    /// Degrees added on every side of an entry that is a TIGER/Line extent (a tract file's, or a published STATE or
    /// COUNTY layer's). Every real file in ../shared/tiger measured against the table: no feature beyond its entry (23
    /// tract files, EDGES, ADDRFEAT, the cd116 and state 20m files) but the NJ sldu 500k file's 0.0004° beyond NJ's 20m
    /// entry; 0.2° (about 20 km) leaves room for later vintages' redrawn shorelines and boundaries and refuses a shape
    /// moved further. (A tract of a neighbouring state relabelled as this one's can lie within it: Connecticut's
    /// easternmost tract lies 0.049° inside Rhode Island's envelope; the identity and change gates are its checks.)
    /// </summary>
    public const double TigerLineMargin = 0.2;

    /// <summary>
    /// Degrees added on every side of an entry that is the 20m file's extent alone (and the nation's, whose extremes are
    /// Alaska's 20m ones). The 20m shapes are clipped to the shoreline and TIGER/Line's are not: on the states whose tract
    /// files were at hand TIGER/Line reached up to 0.143° beyond the 20m envelope (Maine's coastal water), but the
    /// states not at hand include the Great Lakes' international water and the Gulf's islands, which reach further
    /// beyond their shorelines than any measured here; so the margin of the table as it was, until those are measured.
    /// </summary>
    public const double GeneralizedMargin = 0.5;

    /// <summary>Every state's and island area's envelope together: what a national file may occupy.</summary>
    public static Box Nation { get; } = new(-179.174265, -14.601813, 179.773922, 71.352561, GeneralizedMargin);

    private static readonly FrozenDictionary<string, Box> ByFips = new Dictionary<string, Box>
    {
        ["01"] = new(-88.468669, 30.228314, -84.891841, 35.008028, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["02"] = new(-179.174265, 51.219862, 179.773922, 71.352561, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["04"] = new(-114.814185, 31.332239, -109.045223, 37.003197, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["05"] = new(-94.617919, 33.004106, -89.647270, 36.499600, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["06"] = new(-124.409591, 32.534156, -114.139055, 42.009247, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["08"] = new(-109.060062, 36.992426, -102.041876, 41.003073, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["09"] = new(-73.727775, 40.950943, -71.787239, 42.050587), // cb_2020_us_state_20m.zip+tl_2010_09_tract10.zip
        ["10"] = new(-75.789023, 38.451012, -74.984165, 39.839516), // cb_2020_us_state_20m.zip+tl_2010_10_tract10.zip
        ["11"] = new(-77.119759, 38.791645, -76.909393, 38.995548), // cb_2020_us_state_20m.zip+tl_2010_11_tract10.zip
        ["12"] = new(-87.634943, 24.498131, -80.032120, 31.000693, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["13"] = new(-85.605165, 30.360766, -80.843130, 35.000659, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["15"] = new(-178.443593, 18.865460, -154.755792, 28.517269), // cb_2020_us_state_20m.zip+tl_2010_15_tract10.zip
        ["16"] = new(-117.243027, 41.988005, -111.043495, 49.001146), // cb_2020_us_state_20m.zip+tl_2010_16_tract10.zip
        ["17"] = new(-91.511956, 36.982057, -87.498948, 42.508481, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["18"] = new(-88.067364, 37.767631, -84.786406, 41.760240, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["19"] = new(-96.639485, 40.375440, -90.140061, 43.501196), // cb_2020_us_state_20m.zip+tl_2010_19_tract10.zip
        ["20"] = new(-102.051769, 36.993016, -94.588387, 40.003166), // cb_2020_us_state_20m.zip+tl_2010_20_tract10.zip
        ["21"] = new(-89.571481, 36.497934, -81.968297, 39.147358, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["22"] = new(-94.043083, 28.933812, -89.014280, 33.019457, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["23"] = new(-71.083924, 42.917126, -66.885444, 47.459854), // cb_2020_us_state_20m.zip+tl_2010_23_tract10.zip
        ["24"] = new(-79.486873, 37.916848, -75.048939, 39.723122, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["25"] = new(-73.508142, 41.187053, -69.858861, 42.886790), // cb_2020_us_state_20m.zip+tl_2010_25_tract10.zip
        ["26"] = new(-90.418136, 41.696089, -82.415937, 48.210650, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["27"] = new(-97.229039, 43.499520, -89.489226, 49.384358, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["28"] = new(-91.644356, 30.180753, -88.097888, 34.996033, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["29"] = new(-95.765645, 35.995812, -89.098843, 40.613640, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["30"] = new(-116.049193, 44.380315, -104.039138, 49.001390, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["31"] = new(-104.053514, 39.999932, -95.308290, 43.001707), // cb_2020_us_state_20m.zip+tl_2010_31_tract10.zip
        ["32"] = new(-120.006473, 35.001857, -114.039648, 42.002207), // cb_2020_us_state_20m.zip+tl_2010_32_tract10.zip
        ["33"] = new(-72.557185, 42.696985, -70.575094, 45.305476), // cb_2020_us_state_20m.zip+tl_2010_33_tract10.zip
        ["34"] = new(-75.559446, 38.928519, -73.893979, 41.357423, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["35"] = new(-109.050173, 31.332172, -103.001964, 37.000293), // cb_2020_us_state_20m.zip+tl_2010_35_tract10.zip
        ["36"] = new(-79.762122, 40.502436, -71.856214, 45.014683, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["37"] = new(-84.321869, 33.851112, -75.458659, 36.588117, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["38"] = new(-104.050040, 45.935072, -96.554411, 49.000692), // cb_2020_us_state_20m.zip+tl_2010_38_tract10.zip
        ["39"] = new(-84.820159, 38.404338, -80.518893, 41.977523, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["40"] = new(-103.002518, 33.621840, -94.431515, 37.001631, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["41"] = new(-124.552441, 41.992692, -116.463504, 46.269131, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["42"] = new(-80.519891, 39.720062, -74.694914, 42.269860, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["44"] = new(-71.907258, 41.095834, -71.088571, 42.018800), // cb_2020_us_state_20m.zip+tl_2010_44_tract10.zip
        ["45"] = new(-83.353238, 32.034600, -78.541087, 35.202483, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["46"] = new(-104.057739, 42.479686, -96.436472, 45.945716), // cb_2020_us_state_20m.zip+tl_2010_46_tract10.zip
        ["47"] = new(-90.309297, 34.982987, -81.646900, 36.678118, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["48"] = new(-106.635880, 25.840117, -93.530936, 36.500439, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["49"] = new(-114.052701, 36.997968, -109.041762, 42.001567, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["50"] = new(-73.437905, 42.726850, -71.465039, 45.016659), // cb_2020_us_state_20m.zip+tl_2010_50_tract10.zip
        ["51"] = new(-83.675413, 36.540738, -75.242266, 39.466012, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["53"] = new(-124.725839, 45.544321, -116.915989, 49.002494, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["54"] = new(-82.626182, 37.202467, -77.719519, 40.638801, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["55"] = new(-92.887929, 42.491920, -86.805868, 47.054678, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["56"] = new(-111.056889, 40.994610, -104.052245, 45.005904), // cb_2020_us_state_20m.zip+tl_2010_56_tract10.zip
        ["60"] = new(-171.141907, -14.601813, -168.101612, -10.997203), // tl_2010_60_tract10.zip
        ["66"] = new(144.563426, 13.182335, 145.009167, 13.706179), // tl_2010_66_tract10.zip
        ["69"] = new(144.813338, 14.036565, 146.154418, 20.616556), // tl_2010_69_tract10.zip
        ["72"] = new(-67.955811, 17.913769, -65.221568, 18.511706, GeneralizedMargin), // cb_2020_us_state_20m.zip
        ["78"] = new(-65.154118, 17.623468, -64.512674, 18.464984), // tl_2010_78_tract10.zip
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The state's envelope (by FIPS code), or the nation's where the table has none.</summary>
    public static Box Of(string stateFips) => ByFips.TryGetValue(stateFips, out var envelope) ? envelope : Nation;

    /// <summary>A longitude/latitude box; Alaska's spans the antimeridian, so its longitudes cover nearly every value.</summary>
    public readonly record struct Box(double MinLon, double MinLat, double MaxLon, double MaxLat, double Margin = TigerLineMargin)
    {
        /// <summary>Whether a box lies inside this one widened by its <see cref="Margin"/>.</summary>
        public bool Holds(double minLon, double minLat, double maxLon, double maxLat) =>
            minLon >= MinLon - Margin && maxLon <= MaxLon + Margin && minLat >= MinLat - Margin && maxLat <= MaxLat + Margin;

        public override string ToString() => FormattableString.Invariant($"{MinLon:0.###},{MinLat:0.###} … {MaxLon:0.###},{MaxLat:0.###}");
    }
}
