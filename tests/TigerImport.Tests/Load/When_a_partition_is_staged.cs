using TigerImport.Import;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Load;

/// <summary>
/// The first file of a partition is copied in the transaction that creates its staging table, with COPY FREEZE: its
/// pages are written frozen and marked all-visible in the visibility map, so the index builds that read them next do
/// not dirty and write every page again to set hint bits. Without FREEZE no page is all-visible until a vacuum.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_partition_is_staged(PostgisServer postgis)
{
    [Fact]
    public async Task A_partition_of_one_file_is_published_with_every_page_all_visible()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");

        var layer = Assert.Single((await TestImport.RunAsync(db, folder.Path, "frozen", 2024, "PLACE")).Layers);

        Assert.True(layer.Outcome == LayerOutcome.Published, layer.Error);
        // relallvisible is the visibility map's count, read by the index builds and ANALYZE in staging.
        Assert.Equal(
            "place_2024_p35 1/1, place_2024_p72 1/1",
            await TestImport.ScalarAsync<string>(db, """
                SELECT string_agg(format('%s %s/%s', relname, relallvisible, relpages), ', ' ORDER BY relname)
                FROM pg_class WHERE relnamespace = 'frozen'::regnamespace AND relkind = 'r' AND relname LIKE 'place_2024_p%'
                """));
    }
}
