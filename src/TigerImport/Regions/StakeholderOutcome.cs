namespace TigerImport.Regions;

/// <summary>What the sync did to the app's stakeholders.</summary>
/// <param name="Table">The stakeholder table.</param>
/// <param name="Skipped">Why the step did not run (no such table, or <c>--stakeholder-table none</c>); null when it ran.</param>
/// <param name="Located">Stakeholders with a location that were tested (in or near the synced states; with <c>--reassign changed</c>, only those a change of the sync can move, or without a district).</param>
/// <param name="Written">Stakeholder rows whose keys changed, each written once.</param>
public sealed record StakeholderOutcome(string Table, string? Skipped, long Located, long Written, long ElapsedMs);
