namespace TigerImport.Regions;

/// <summary>
/// <c>--stakeholder-table</c>: the app's stakeholder table (<c>stakeholder</c> by default), whose five region keys the sync
/// re-assigns, or <c>none</c> to skip that step.
/// </summary>
public static class StakeholderTable
{
    public const string Default = "stakeholder";

    public const string None = "none";

    /// <summary>The table, or null for <c>none</c>; anything but one or two plain identifiers is a usage error.</summary>
    public static RegionTable? Parse(string? text) =>
        string.Equals(text?.Trim(), None, StringComparison.OrdinalIgnoreCase) ? null : RegionTable.Parse(text, "--stakeholder-table (TIGER_STAKEHOLDER_TABLE)");
}
