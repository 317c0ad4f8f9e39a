using System.Collections.Frozen;

namespace TigerImport.Catalog;

/// <summary>FIPS and USPS codes of every state-equivalent Census publishes TIGER/Line files for.</summary>
public static class UsStates
{
    /// <summary>The 50 states, DC and Puerto Rico: what "all" means, as in Census's per-state file sets.</summary>
    public static IReadOnlyList<UsState> StatesDcAndPuertoRico { get; } =
    [
        new("01", "AL", "Alabama"), new("02", "AK", "Alaska"), new("04", "AZ", "Arizona"), new("05", "AR", "Arkansas"),
        new("06", "CA", "California"), new("08", "CO", "Colorado"), new("09", "CT", "Connecticut"),
        new("10", "DE", "Delaware"), new("11", "DC", "District of Columbia"), new("12", "FL", "Florida"),
        new("13", "GA", "Georgia"), new("15", "HI", "Hawaii"), new("16", "ID", "Idaho"), new("17", "IL", "Illinois"),
        new("18", "IN", "Indiana"), new("19", "IA", "Iowa"), new("20", "KS", "Kansas"), new("21", "KY", "Kentucky"),
        new("22", "LA", "Louisiana"), new("23", "ME", "Maine"), new("24", "MD", "Maryland"),
        new("25", "MA", "Massachusetts"), new("26", "MI", "Michigan"), new("27", "MN", "Minnesota"),
        new("28", "MS", "Mississippi"), new("29", "MO", "Missouri"), new("30", "MT", "Montana"),
        new("31", "NE", "Nebraska"), new("32", "NV", "Nevada"), new("33", "NH", "New Hampshire"),
        new("34", "NJ", "New Jersey"), new("35", "NM", "New Mexico"), new("36", "NY", "New York"),
        new("37", "NC", "North Carolina"), new("38", "ND", "North Dakota"), new("39", "OH", "Ohio"),
        new("40", "OK", "Oklahoma"), new("41", "OR", "Oregon"), new("42", "PA", "Pennsylvania"),
        new("44", "RI", "Rhode Island"), new("45", "SC", "South Carolina"), new("46", "SD", "South Dakota"),
        new("47", "TN", "Tennessee"), new("48", "TX", "Texas"), new("49", "UT", "Utah"), new("50", "VT", "Vermont"),
        new("51", "VA", "Virginia"), new("53", "WA", "Washington"), new("54", "WV", "West Virginia"),
        new("55", "WI", "Wisconsin"), new("56", "WY", "Wyoming"), new("72", "PR", "Puerto Rico"),
    ];

    /// <summary>Island areas: Census publishes files for them for some layers; they are chosen by name, never by "all".</summary>
    public static IReadOnlyList<UsState> IslandAreas { get; } =
    [
        new("60", "AS", "American Samoa"), new("66", "GU", "Guam"), new("69", "MP", "Northern Mariana Islands"),
        new("74", "UM", "U.S. Minor Outlying Islands"), new("78", "VI", "U.S. Virgin Islands"),
    ];

    private static readonly FrozenDictionary<string, UsState> ByCode = StatesDcAndPuertoRico.Concat(IslandAreas)
        .SelectMany(s => new[] { KeyValuePair.Create(s.Fips, s), KeyValuePair.Create(s.Usps, s) })
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a state by FIPS code ("25", "5" too) or USPS code ("MA", any case).</summary>
    public static bool TryFind(string code, out UsState state)
    {
        var key = code.Trim();
        if (key.Length == 1 && char.IsAsciiDigit(key[0]))
        {
            key = "0" + key;
        }

        return ByCode.TryGetValue(key, out state!);
    }

    /// <summary>The state with this FIPS code; codes come from Census file names, so an unknown one is a bug upstream.</summary>
    public static UsState ByFips(string fips) =>
        TryFind(fips, out var state) ? state : throw new ArgumentException($"Unknown state FIPS code '{fips}'.", nameof(fips));
}
