using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;

namespace TigerImport.Tests.Support;

/// <summary>A big file from the committed EDGES sample: its features repeated with fresh TLIDs.</summary>
internal static class LargeSample
{
    public static TigerLayerSample Edges(int features)
    {
        var sample = SampleSet2024.All.Single(s => s.BaseName == "tl_2024_35013_edges");
        var tlid = sample.Fields.Select(f => f.Name).ToList().IndexOf("TLID");
        var copies = Enumerable.Range(0, features).Select(i =>
        {
            var feature = sample.Features[i % sample.Features.Count];
            var values = feature.Values.ToArray();
            values[tlid] = 900_000_000L + i;
            return feature with { Values = values };
        }).ToList();
        return sample with { Features = copies };
    }
}
