namespace TigerImport.Regions;

/// <summary>How many stakeholders went from one region of a type to another (a null side: none, newly assigned or left without).</summary>
public sealed record StakeholderMove(string Type, string? From, string? To, long Stakeholders);
