using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Geometry;

namespace TigerImport.Import.Policies;

/// <summary>
/// The envelopes <see cref="ExtentGate"/> holds a file to, read once per layer: each state's own published extent
/// when the schema has the vintage's STATE layer published (else the shipped <see cref="StateEnvelopes"/>), and for
/// county-based files (EDGES, FACES, ADDRFEAT, ROADS, AREAWATER, LINEARWATER…) each county's published extent when the
/// vintage's COUNTY layer is published (else the state's). Every envelope gets its margin (<see cref="StateEnvelopes.TigerLineMargin"/> for a TIGER/Line extent).
/// Published envelopes only narrow the gate: a published state or county box reaching outside its state's shipped
/// envelope (plus the margin) is ignored with a warning, so a lying STATE or COUNTY layer cannot widen it. National
/// files whose records carry STATEFP are held per record to that state's envelope (<see cref="ForState"/>).
/// </summary>
internal sealed class ExtentEnvelopes
{
    private readonly IReadOnlyDictionary<string, StateEnvelopes.Box> states;
    private readonly IReadOnlyDictionary<string, StateEnvelopes.Box> counties;

    private ExtentEnvelopes(IReadOnlyDictionary<string, StateEnvelopes.Box> states, string stateSource, IReadOnlyDictionary<string, StateEnvelopes.Box> counties, string? countySource)
    {
        (this.states, this.counties) = (states, counties);
        Source = stateSource + (countySource is null ? "" : $"; county files: {countySource}");
    }

    /// <summary>The shipped table alone: what a schema without a published STATE or COUNTY layer gets.</summary>
    public static ExtentEnvelopes Shipped { get; } = new(new Dictionary<string, StateEnvelopes.Box>(), ShippedSource, new Dictionary<string, StateEnvelopes.Box>(), null);

    /// <summary>Where the envelopes come from, for the log.</summary>
    public string Source { get; }

    private const string ShippedSource = "the shipped state envelope table";

    /// <summary>The envelopes for one layer's files: the published STATE and COUNTY layers of the vintage where present.</summary>
    public static async Task<ExtentEnvelopes> LoadAsync(NpgsqlConnection connection, LayerTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        if (target.Vintage.Layer.IsCartographic)
        {
            return Shipped;
        }

        var states = Narrowing(await PublishedAsync(connection, target, "STATE", 2, cancellationToken), target, logger);
        var counties = target.Vintage.Scope == LayerScope.County ? Narrowing(await PublishedAsync(connection, target, "COUNTY", 5, cancellationToken), target, logger) : null;
        return states is null && counties is null
            ? Shipped
            : new ExtentEnvelopes(
                states?.Boxes ?? new Dictionary<string, StateEnvelopes.Box>(),
                states is null ? ShippedSource : $"the published STATE layer {states.Value.Table} ({states.Value.Boxes.Count} states)",
                counties?.Boxes ?? new Dictionary<string, StateEnvelopes.Box>(),
                counties is null ? null : $"the published COUNTY layer {counties.Value.Table} ({counties.Value.Boxes.Count} counties)");
    }

    /// <summary>
    /// The published boxes that lie within their state's shipped envelope plus the margin; each one reaching outside it
    /// (a published layer whose shapes were moved or spiked) is dropped with a warning, and its shipped envelope applies.
    /// </summary>
    private static (string Table, IReadOnlyDictionary<string, StateEnvelopes.Box> Boxes)? Narrowing(
        (string Table, IReadOnlyDictionary<string, StateEnvelopes.Box> Boxes)? published, LayerTarget target, ILogger logger)
    {
        if (published is not { } p)
        {
            return null;
        }

        var kept = new Dictionary<string, StateEnvelopes.Box>(StringComparer.Ordinal);
        foreach (var (geoid, box) in p.Boxes)
        {
            var shipped = StateEnvelopes.Of(geoid[..2]);
            if (shipped.Holds(box.MinLon, box.MinLat, box.MaxLon, box.MaxLat))
            {
                kept[geoid] = box;
            }
            else
            {
                Log.PublishedEnvelopeIgnored(logger, target.Vintage.Layer.Key, target.Vintage.Year, p.Table, geoid, box.ToString(), shipped.ToString(), shipped.Margin);
            }
        }

        return kept.Count == 0 ? null : (p.Table, kept);
    }

    /// <summary>The envelope of one state's features ("state 35's published"), for a national file's records.</summary>
    public (StateEnvelopes.Box Box, string Scope) ForState(string state) =>
        states.TryGetValue(state, out var published) ? (published, $"state {state}'s published") : (StateEnvelopes.Of(state), $"state {state}'s");

    /// <summary>The envelope a file's features must lie in, and whose it is ("county 35013's published").</summary>
    public (StateEnvelopes.Box Box, string Scope) For(TigerFile file)
    {
        if (file.Scope == LayerScope.Nation)
        {
            return (StateEnvelopes.Nation, "the nation's");
        }

        var state = file.ScopeCode[..2];
        if (file.ScopeCode.Length == 5 && counties.TryGetValue(file.ScopeCode, out var county))
        {
            return (county, $"county {file.ScopeCode}'s published");
        }

        return ForState(state);
    }

    /// <summary>GEOID → the longitude/latitude extent of its shapes in a published layer of the vintage, or null without one.</summary>
    private static async Task<(string Table, IReadOnlyDictionary<string, StateEnvelopes.Box> Boxes)?> PublishedAsync(
        NpgsqlConnection connection, LayerTarget target, string layerKey, int geoidLength, CancellationToken cancellationToken)
    {
        if (!TigerLayers.TryFind(layerKey, out var layer))
        {
            return null;
        }

        var other = target with { Vintage = layer.InYear(target.Vintage.Year) };
        if (other.Table == target.Table || !await Db.ExistsAsync(connection, other.QualifiedTable, cancellationToken)
            || other.KeyColumn((await PgCatalog.ColumnTypesAsync(connection, other.Schema, other.Table, cancellationToken)).Keys) is not { } key)
        {
            return null;
        }

        // The envelope of each shape's envelope taken back to NAD83: exact from lon/lat and Web Mercator, a little
        // wider than the shape's own from an equal-area projection. A GEOID of another length is not this layer's.
        var rows = await Db.ReadAsync(
            connection,
            $"""
            SELECT k, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (
                SELECT {Sql.Identifier(key)}::text AS k, ST_Extent(ST_Transform(ST_Envelope({LayerTarget.GeometryColumn}), {SpatialReferences.Nad83})) AS e
                FROM {other.QualifiedTable} WHERE length({Sql.Identifier(key)}::text) = {geoidLength} AND NOT ST_IsEmpty({LayerTarget.GeometryColumn}) GROUP BY 1) x
            """,
            r => (Key: r.GetString(0), Box: new StateEnvelopes.Box(r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4))),
            cancellationToken);
        return rows.Count == 0 ? null : ($"{other.Schema}.{other.Table}", rows.ToDictionary(r => r.Key, r => r.Box, StringComparer.Ordinal));
    }
}
