namespace TigerImport.Regions;

/// <summary>
/// One kind of row in the app's region table, the published layer it comes from, and how the app names it. The SQL
/// expressions read a normalised row <c>c</c> (geoid, statefp, fname = NAME, code = the district code, usps).
/// </summary>
/// <param name="Type">The app's <c>type</c> value.</param>
/// <param name="LayerKey">The TIGER/Line layer (and, with CB_ and a resolution, its cartographic boundary layer).</param>
/// <param name="CodeField">The district code field (CD's name carries the congress number: <c>cd119fp</c>); null for states and counties.</param>
/// <param name="UndefinedCode">Census's code for the water and undefined remainder of a state (<c>ZZ</c>, <c>ZZZ</c>): never a region.</param>
public sealed record RegionType(string Type, string LayerKey, string? CodeField, string? UndefinedCode, string NameSql, string LabelSql, string AbbrevSql)
{
    public const string State = "state";

    /// <summary>In sync order (states first: they are the others' parents), which is also the order that wins a name collision.</summary>
    public static IReadOnlyList<RegionType> All { get; } =
    [
        new(State, "STATE", null, null, "c.fname", "c.usps", "c.usps"),
        new("county", "COUNTY", null, null, "c.fname || ' County, State ' || c.statefp", "c.fname", "c.usps || '-' || c.fname"),
        new(
            "congressional_district",
            "CD",
            "cd???fp",
            "ZZ",
            "CASE c.code WHEN '00' THEN 'At-Large Congressional District (State ' || c.statefp || ')' "
                + "ELSE 'Congressional District ' || CASE WHEN c.code ~ '^[0-9]+$' THEN (c.code::int)::text ELSE c.code END || ' (State ' || c.statefp || ')' END",
            "'CD-' || c.code",
            "c.usps || '-' || c.code"),
        new("state_senate_district", "SLDU", "sldust", "ZZZ", "'State Senate District ' || c.code || ' (State ' || c.statefp || ')'", "'SD-' || c.code", "c.usps || '-SD-' || c.code"),
        new("state_house_district", "SLDL", "sldlst", "ZZZ", "'State House District ' || c.code || ' (State ' || c.statefp || ')'", "'HD-' || c.code", "c.usps || '-HD-' || c.code"),
    ];

    /// <summary>A district type (CD, SLDU, SLDL): its rows can come from a newer vintage or release than the states and counties.</summary>
    public bool IsDistrict => CodeField is not null;

    /// <summary>The stakeholder table's foreign key to a region of this type (the app's contract).</summary>
    public string StakeholderColumn => Type + "_id";

    public override string ToString() => Type;
}
