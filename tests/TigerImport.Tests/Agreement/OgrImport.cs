using Npgsql;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Agreement;

/// <summary>ogr2ogr's reading of a zip, loaded into PostGIS as the agreement tests compare it: Multi*, EPSG:4326 with the importer's null NAD83 → WGS 84 operation.</summary>
internal static class OgrImport
{
    public static async Task<string> LoadAsync(PostgisServer postgis, string zipPath, string ogrSchema, string table)
    {
        var connection = new NpgsqlConnectionStringBuilder(postgis.ConnectionString);
        await using (var db = postgis.CreateDataSource())
        {
            await TestImport.ExecuteAsync(db, $"CREATE SCHEMA IF NOT EXISTS {ogrSchema}");
        }

        var (exitCode, output) = await ExternalTool.RunAsync("ogr2ogr",
        [
            "-f", "PostgreSQL", $"PG:host={connection.Host} port={connection.Port} dbname={connection.Database} user={connection.Username}",
            "/vsizip/" + zipPath, "-nln", $"{ogrSchema}.{table}", "-nlt", "PROMOTE_TO_MULTI", "-t_srs", "EPSG:4326",
            "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=NONE", "-overwrite",

            // NAD83 → WGS 84 as a null transform, the importer's documented choice. Left to choose, PROJ picks an
            // operation by the file's extent: a no-op for national and mainland files, but EPSG:1252 (a Helmert
            // shift of about 1.7 m) for a Hawaii-only file, so the same feature would differ by file.
            "-ct", "+proj=noop",
        ]);
        Assert.True(exitCode == 0, output);
        return table;
    }
}
