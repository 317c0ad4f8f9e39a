using TigerImport.Catalog;

namespace TigerImport.Import;

/// <summary>The district plan one published partition (a state's FIPS code, or "us") now holds.</summary>
public sealed record PartitionPlan(string Part, DistrictPlan Plan);
