using System.Collections;
using TigerImport.Samples;

namespace TigerImport.Synthetic;

/// <summary>
/// A read-only list whose items are computed from their index, so a file of millions of features is written without
/// holding them: the shapefile writer asks for one feature at a time.
/// </summary>
internal sealed class GeneratedFeatures(int count, Func<int, TigerFeature> create) : IReadOnlyList<TigerFeature>
{
    public int Count => count;

    public TigerFeature this[int index] => (uint)index < (uint)count ? create(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TigerFeature> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return create(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
