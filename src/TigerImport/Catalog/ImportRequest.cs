namespace TigerImport.Catalog;

/// <summary>What the user asked for: one vintage, some layers, optionally some states and counties.</summary>
/// <param name="States">Null means every state the source holds (Census: all states, DC, Puerto Rico and island areas).</param>
/// <param name="Counties">5-digit state+county codes that narrow county-based layers; null means all counties of the states.</param>
public sealed record ImportRequest(
    int Year,
    IReadOnlyList<TigerLayer> Layers,
    IReadOnlyList<UsState>? States = null,
    IReadOnlyList<string>? Counties = null)
{
    /// <summary>A special release to read the district layers from instead of the vintage's folder (<c>--release</c>).</summary>
    public SpecialRelease? Release { get; init; }

    /// <summary>
    /// The version to take where the source offers a state's plan in more than one (<c>--plan-version</c>): a file name's
    /// version suffix (<c>sb</c> of <c>tl_rd22_08_cd118_sb.zip</c>) or its whole token (<c>cd120</c>). Null: a state
    /// offered in two versions is a usage error naming both.
    /// </summary>
    public string? PlanVersion { get; init; }

    /// <summary>Adds the plan choices (<c>--release</c>, <c>--plan-version</c>), checked against the layers.</summary>
    public ImportRequest WithPlan(string? release, string? planVersion)
    {
        var chosen = string.IsNullOrWhiteSpace(release) ? null : SpecialRelease.Parse(release);
        if (chosen is not null && Layers.FirstOrDefault(l => !SpecialRelease.Layers.Contains(l.Key)) is { } other)
        {
            throw Usage($"--release {chosen.Folder} holds district plans only ({string.Join(", ", SpecialRelease.Layers)}); {other.Key} comes with a vintage: import it in a run of its own.");
        }

        var version = string.IsNullOrWhiteSpace(planVersion) ? null : planVersion.Trim().ToLowerInvariant();
        if (version is not null && !version.All(char.IsAsciiLetterOrDigit))
        {
            throw Usage($"--plan-version (TIGER_PLAN_VERSION) is a file name's version suffix or token, letters and digits only (sb, wb, cd120); got '{planVersion}'.");
        }

        return this with { Release = chosen, PlanVersion = version };
    }

    /// <summary>
    /// Reads the user's words: a year, comma-separated layer keys (or "all"), state FIPS or USPS codes (or "all"),
    /// county codes. Anything unknown is a usage error that lists what is known, never a silent zero-row load.
    /// </summary>
    public static ImportRequest Parse(string? year, string? layers, string? states, string? counties)
    {
        if (string.IsNullOrWhiteSpace(year))
        {
            throw Usage($"--year (TIGER_YEAR) is required: a TIGER/Line vintage from {TigerLayers.FirstYear} to {TigerLayers.LastYear}.");
        }

        if (!int.TryParse(year, out var vintage) || !TigerLayers.IsKnownYear(vintage))
        {
            throw Usage($"--year (TIGER_YEAR) must be a TIGER/Line vintage from {TigerLayers.FirstYear} to {TigerLayers.LastYear}; got '{year}'.");
        }

        if (string.IsNullOrWhiteSpace(layers))
        {
            throw Usage($"--layers (TIGER_LAYERS) is required: a comma-separated list of {string.Join(", ", TigerLayers.PublishedIn(vintage).Select(l => l.Key))}, or all (docs/layers.md).");
        }

        var layerList = Split(layers).Any(l => l.Equals("all", StringComparison.OrdinalIgnoreCase)) ? TigerLayers.PublishedIn(vintage) : LayersNamed(layers);

        if (layerList.FirstOrDefault(l => l.IsCartographic && vintage < l.FirstYear) is { } tooEarly)
        {
            throw Usage($"{tooEarly.Key} starts with the {tooEarly.FirstYear} vintage; got --year {vintage}.");
        }

        if (layerList.FirstOrDefault(l => !l.IsPublishedIn(vintage)) is { } absent)
        {
            throw Usage($"Census publishes {absent.Key} ({absent.Description}) in {absent.Years}, not in {vintage}; got --year {vintage}.");
        }

        var stateList = string.IsNullOrWhiteSpace(states) || Split(states).Any(s => s.Equals("all", StringComparison.OrdinalIgnoreCase))
            ? null
            : Split(states).Select(code => UsStates.TryFind(code, out var state)
                ? state
                : throw Usage($"Unknown state '{code}': use a 2-digit FIPS code (25) or a USPS code (MA). Known: {string.Join(", ", UsStates.StatesDcAndPuertoRico.Concat(UsStates.IslandAreas).Select(s => $"{s.Usps} {s.Fips}"))}.")).Distinct().ToList();

        var countyList = string.IsNullOrWhiteSpace(counties) ? null : Split(counties).Select(code =>
            code.Length == 5 && code.All(char.IsAsciiDigit) && UsStates.TryFind(code[..2], out _)
                ? code
                : throw Usage($"Unknown county '{code}': use a 5-digit state+county FIPS code (35013).")).Distinct().ToList();
        if (countyList is not null && stateList is not null && countyList.Any(c => stateList.All(s => s.Fips != c[..2])))
        {
            throw Usage("--counties names a county outside the states in --states.");
        }

        if (countyList is not null && layerList.Where(l => l.InYear(vintage).Scope != LayerScope.County).Select(l => l.Key).ToList() is { Count: > 0 } whole)
        {
            // A state- or nation-based file holds every county: narrowing it would replace the whole state (or nation).
            throw Usage(
                $"--counties narrows county-based layers only ({string.Join(", ", TigerLayers.PublishedIn(vintage).Where(l => l.InYear(vintage).Scope == LayerScope.County).Select(l => l.Key))}); "
                + $"{string.Join(", ", whole)} {(whole.Count == 1 ? "is" : "are")} published per state or for the nation, so the whole partition would be replaced. Import {(whole.Count == 1 ? "it" : "them")} in a run without --counties.");
        }

        return new ImportRequest(vintage, layerList, stateList, countyList);
    }

    /// <summary>The layers of a comma-separated list of keys, whatever the year (status filters by key alone); an unknown key is a usage error.</summary>
    public static IReadOnlyList<TigerLayer> LayersNamed(string layers) => Split(layers).Select(key => TigerLayers.TryFind(key, out var layer)
        ? layer
        : throw Usage($"Unknown layer '{key}'. Known layers: {string.Join(", ", TigerLayers.All.Select(l => l.Key))}; cartographic boundaries: {string.Join(", ", CartographicLayers.All.Select(l => l.Key))} (docs/layers.md).")).Distinct().ToList();

    private static string[] Split(string text) => text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TigerImportException Usage(string message) => new(FailureKind.Usage, message);
}
