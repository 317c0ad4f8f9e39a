namespace TigerImport.Tests.Support;

/// <summary>
/// Tests that measure the process (allocated bytes) run alone: GC.GetTotalAllocatedBytes counts every thread, so a
/// test running beside them would be measured too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurements";
}
