namespace TigerImport.Samples.Vintage2024;

/// <summary>The committed samples/ folder: small, made-up 2024 TIGER/Line files with the real layouts.</summary>
public static class SampleSet2024
{
    /// <summary>Every sample, in the order the generator writes them.</summary>
    public static IReadOnlyList<TigerLayerSample> All { get; } =
    [
        StateSample.Create(),
        CountySample.Create(),
        CongressionalDistrictSamples.NewMexico(),
        CongressionalDistrictSamples.Hawaii(),
        StateSenateSample.Create(),
        PlaceSamples.NewMexico(),
        PlaceSamples.PuertoRico(),
        ZctaSample.Create(),
        EdgesSample.Create(),
    ];
}
