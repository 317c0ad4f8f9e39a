namespace TigerImport.Catalog;

/// <summary>A state, the District of Columbia or a territory, as Census codes it.</summary>
public sealed record UsState(string Fips, string Usps, string Name);
