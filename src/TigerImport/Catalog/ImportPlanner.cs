namespace TigerImport.Catalog;

/// <summary>Lists the file names a source holds in a vintage's folder, or null when the source cannot list.</summary>
public delegate Task<IReadOnlyCollection<string>?> ListFiles(TigerLayerVintage vintage, CancellationToken cancellationToken);

/// <summary>
/// Expands a request into Census files. A source's listing is the authority (it knows CD congress numbers and county
/// codes); where a source cannot list, the catalog's naming rules are the fallback.
/// </summary>
public static class ImportPlanner
{
    /// <summary>State-based files Census does not publish, with the reason a user should read.</summary>
    private static readonly Dictionary<(string Layer, string Fips), string> KnownAbsences = new()
    {
        [("SLDL", "31")] = "Nebraska has a unicameral legislature: Census publishes no SLDL file for it",
        [("SLDL", "11")] = "the District of Columbia has no lower legislative chamber: Census publishes no SLDL file for it",
    };

    public static async Task<IReadOnlyList<LayerPlan>> PlanAsync(ImportRequest request, ListFiles list, CancellationToken cancellationToken)
    {
        var named = request.States ?? StatesOf(request.Counties);
        var plans = new List<LayerPlan>();
        foreach (var layer in request.Layers)
        {
            var vintage = layer.InYear(request.Year);
            var listing = await list(vintage, cancellationToken);
            var held = listing?
                .Select(name => TigerFileName.TryParse(name, out var file) ? file : null)
                .OfType<TigerFile>()
                .Where(f => f.Year == vintage.Year && f.Layer == layer)
                .ToList();

            // No states named: every state the source holds (all of Census's, for Census), or the 52 when it cannot list.
            var states = named ?? (held is null ? UsStates.StatesDcAndPuertoRico : StatesIn(held));
            var plan = vintage.Scope switch
            {
                LayerScope.Nation => PlanNation(vintage, held),
                LayerScope.State => PlanStates(vintage, states, request.Counties, held),
                _ => PlanCounties(vintage, states, request.Counties, held),
            };
            plans.Add(plan with
            {
                Unrecognized = listing?.Where(n => n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !TigerFileName.TryParse(n, out _)).Order(StringComparer.Ordinal).ToList() ?? [],
            });
        }

        return plans;
    }

    private static LayerPlan PlanNation(TigerLayerVintage vintage, List<TigerFile>? held)
    {
        var file = held is null ? Expected(vintage, "us") : held.FirstOrDefault(f => f.Scope == LayerScope.Nation);
        return file is null
            ? new(vintage, [], [$"{vintage.FileName("us")} (national file)"], [])
            : new(vintage, [file], [], []);
    }

    private static LayerPlan PlanStates(TigerLayerVintage vintage, IReadOnlyList<UsState> states, IReadOnlyList<string>? counties, List<TigerFile>? held)
    {
        var files = new List<TigerFile>();
        var missing = new List<string>();
        var notices = new List<string>();
        foreach (var state in states)
        {
            if (KnownAbsences.TryGetValue((vintage.Layer.Key, state.Fips), out var reason))
            {
                notices.Add(reason);
                continue;
            }

            if (held is null)
            {
                files.Add(Expected(vintage, state.Fips));
                continue;
            }

            // Prefer the state file; 2010 also published tracts and block groups per county, and a folder may hold only those.
            var stateFile = held.FirstOrDefault(f => f.Scope == LayerScope.State && f.StateFips == state.Fips);
            var countyFiles = held.Where(f => f.Scope == LayerScope.County && f.StateFips == state.Fips && Selected(f, counties)).ToList();
            if (stateFile is not null)
            {
                files.Add(stateFile);
            }
            else if (countyFiles.Count > 0)
            {
                files.AddRange(countyFiles);
            }
            else
            {
                missing.Add($"{vintage.FileName(state.Fips)} ({state.Name})");
            }
        }

        return new(vintage, files, missing, notices);
    }

    private static LayerPlan PlanCounties(TigerLayerVintage vintage, IReadOnlyList<UsState> states, IReadOnlyList<string>? counties, List<TigerFile>? held)
    {
        if (held is null)
        {
            // Without a listing only named counties can be found: county codes change between vintages (Connecticut, 2022).
            var named = counties ?? throw new SourceListingRequiredException(vintage);
            return new(vintage, named.Select(c => Expected(vintage, c)).ToList(), [], []);
        }

        var files = new List<TigerFile>();
        var missing = new List<string>();
        foreach (var state in states)
        {
            var ofState = held.Where(f => f.Scope == LayerScope.County && f.StateFips == state.Fips && Selected(f, counties))
                .OrderBy(f => f.ScopeCode, StringComparer.Ordinal)
                .ToList();
            if (ofState.Count == 0)
            {
                missing.Add($"{vintage.FileName(state.Fips + "___")} ({state.Name}: no county file)");
            }

            files.AddRange(ofState);
        }

        foreach (var county in (counties ?? []).Where(c => !files.Any(f => f.ScopeCode == c)))
        {
            // The listing is the authority on county codes: a code it lacks among a state's files is a typo or an old code.
            var ofState = held.Where(f => f.Scope == LayerScope.County && f.StateFips == county[..2]).Select(f => f.ScopeCode).Order(StringComparer.Ordinal).ToList();
            if (ofState.Count > 0)
            {
                throw new TigerImportException(
                    FailureKind.Usage,
                    $"Unknown county '{county}' for {vintage.Layer.Key} {vintage.Year}: the source lists {ofState.Count} county file(s) of {UsStates.ByFips(county[..2]).Name}: {string.Join(", ", ofState)}. Fix --counties.");
            }

            missing.Add(vintage.FileName(county));
        }

        return new(vintage, files, missing.Distinct().ToList(), []);
    }

    private static bool Selected(TigerFile file, IReadOnlyList<string>? counties) =>
        counties is null || counties.Contains(file.ScopeCode);

    private static IReadOnlyList<UsState>? StatesOf(IReadOnlyList<string>? counties) =>
        counties?.Select(c => c[..2]).Distinct().Select(UsStates.ByFips).ToList();

    private static List<UsState> StatesIn(IEnumerable<TigerFile> held) =>
        held.Select(f => f.StateFips).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(UsStates.ByFips).ToList();

    private static TigerFile Expected(TigerLayerVintage vintage, string scopeCode) => new(
        vintage,
        scopeCode == "us" ? LayerScope.Nation : scopeCode.Length == 2 ? LayerScope.State : LayerScope.County,
        scopeCode,
        vintage.FileName(scopeCode));
}
