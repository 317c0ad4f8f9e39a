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

    /// <summary>Why Census publishes no file of this layer for this state (Nebraska's and DC's SLDL), or null.</summary>
    public static string? KnownAbsence(TigerLayer layer, string stateFips) =>
        KnownAbsences.TryGetValue((layer.BaseKey, stateFips), out var reason) ? reason
        : layer.States is { } only && !only.Contains(stateFips)
            ? $"Census publishes {layer.Key} ({layer.Description}) for {string.Join(", ", only.Select(f => $"{UsStates.ByFips(f).Name} ({f})"))} only: no file for {UsStates.ByFips(stateFips).Name} ({stateFips})"
            : null;

    public static async Task<IReadOnlyList<LayerPlan>> PlanAsync(ImportRequest request, ListFiles list, CancellationToken cancellationToken)
    {
        var named = request.States ?? StatesOf(request.Counties);
        var plans = new List<LayerPlan>();
        foreach (var layer in request.Layers)
        {
            var vintage = layer.InYear(request.Year) with { Release = request.Release };
            var listing = await list(vintage, cancellationToken);
            if (listing is null && vintage.Release is not null)
            {
                throw new TigerImportException(
                    FailureKind.Source, $"The source lists no {vintage.CensusDirectory}/ (absent, or a source that cannot list): a special release's files are found by its listing. Check --release and --source.");
            }

            var held = listing?
                .Select(name => Parse(name, vintage))
                .OfType<TigerFile>()
                .Where(f => f.Year == vintage.Year && f.Layer == layer)
                .ToList();

            // The listing's congress, where it holds one, names what is missing too (tl_2025_35_cd120.zip, not the year table's guess).
            if (held?.Select(f => f.Congress).OfType<int>().Distinct().ToList() is [var congress] && vintage.Token.StartsWith("cd", StringComparison.Ordinal))
            {
                vintage = vintage with { Token = $"cd{congress}{vintage.Token[5..]}" };
            }

            // No states named: every state the source holds (all of Census's, for Census), or the 52 when it cannot list.
            var states = named ?? (held is null ? layer.States?.Select(UsStates.ByFips).ToList() ?? UsStates.StatesDcAndPuertoRico : StatesIn(held));
            var plan = vintage.Scope switch
            {
                LayerScope.Nation => PlanNation(vintage, held, request.PlanVersion),
                LayerScope.State => PlanStates(vintage, states, request.Counties, held, request.PlanVersion),
                _ => PlanCounties(vintage, states, request.Counties, held),
            };
            if (listing is null && layer.SomeStates && plan.Files.Count > 0)
            {
                plan = plan with { Notices = [.. plan.Notices, $"{layer.Key} {vintage.Year}: Census publishes {layer.Key} ({layer.Description}) for some states only, and this source cannot list its folder: whether it has {string.Join(", ", plan.Files.Select(f => f.FileName))} is unconfirmed; a source that lists its folder decides"] };
            }

            if (listing is null && vintage.Listed)
            {
                plan = plan with { Notices = [.. plan.Notices, $"{vintage.CensusDirectory}/{vintage.FileName("…")}: the catalog's naming of {layer.Key} {vintage.Year}, unconfirmed (docs/layers.md); a source that lists its folder decides"] };
            }

            plans.Add(plan with
            {
                Unrecognized = listing?.Where(n => n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && Parse(n, vintage) is null && (vintage.Release is null || !TigerFileName.TryParse(n, out _)))
                    .Order(StringComparer.Ordinal).ToList() ?? [],
            });
        }

        return plans;
    }

    private static LayerPlan PlanNation(TigerLayerVintage vintage, List<TigerFile>? held, string? planVersion)
    {
        var file = held is null ? Expected(vintage, "us") : Choose(held.Where(f => f.Scope == LayerScope.Nation).ToList(), planVersion, "The nation");
        return file is null
            ? new(vintage, [], [$"{vintage.FileName("us")} (national file)"], [])
            : new(vintage, [file], [], []);
    }

    private static LayerPlan PlanStates(TigerLayerVintage vintage, IReadOnlyList<UsState> states, IReadOnlyList<string>? counties, List<TigerFile>? held, string? planVersion)
    {
        var files = new List<TigerFile>();
        var missing = new List<string>();
        var notices = new List<string>();
        foreach (var state in states)
        {
            if (KnownAbsence(vintage.Layer, state.Fips) is { } reason)
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
            var stateFile = Choose(held.Where(f => f.Scope == LayerScope.State && f.StateFips == state.Fips).ToList(), planVersion, $"{state.Name} ({state.Fips})");
            var countyFiles = held.Where(f => f.Scope == LayerScope.County && f.StateFips == state.Fips && Selected(f, counties)).ToList();
            if (stateFile is not null)
            {
                files.Add(stateFile);
            }
            else if (countyFiles.Count > 0)
            {
                files.AddRange(countyFiles);
            }
            else if (vintage.Layer.SomeStates && held.Count > 0)
            {
                // The listing holds the layer's files for other states but none for this one: Census does not publish it here.
                notices.Add($"Census publishes {vintage.Layer.Key} ({vintage.Layer.Description}) for some states only: the source's {vintage.CensusDirectory}/ holds {held.Count} file(s), none for {state.Name} ({state.Fips}), so it is not published for that state");
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
                missing.Add($"{vintage.Layer.Key} of {state.Name} ({state.Fips}): the source has no county file");
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

    /// <summary>A listed name as a file of this layer: a special release's own names, or Census's usual ones.</summary>
    private static TigerFile? Parse(string name, TigerLayerVintage vintage) => vintage.Release is null
        ? (TigerFileName.TryParse(name, out var file) ? file : null)
        : (TigerFileName.TryParseInRelease(name, vintage, out var released) ? released : null);

    /// <summary>
    /// One file of the candidates a state (or the nation) has: where the source offers its plan in more than one
    /// version (whole-block and split-block, or two congresses' plans in one folder) the operator's --plan-version
    /// decides, an exact token before a suffix; without it, or when it matches none, a usage error names them all.
    /// </summary>
    private static TigerFile? Choose(List<TigerFile> candidates, string? planVersion, string what)
    {
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var exact = candidates.Where(f => f.NameToken == planVersion).ToList();
        var chosen = exact.Count > 0 ? exact : candidates.Where(f => planVersion is not null && f.NameToken.Split('_').Skip(1).Contains(planVersion)).ToList();
        if (chosen.Count == 1)
        {
            return chosen[0];
        }

        var names = candidates.Select(f => f.FileName).Order(StringComparer.Ordinal).ToList();
        var choices = candidates.Select(f => f.Version ?? f.NameToken).Distinct().Order(StringComparer.Ordinal).Select(v => $"--plan-version {v}");
        throw new TigerImportException(
            FailureKind.Usage,
            $"{what} is offered in {candidates.Count} versions of {candidates[0].Layer.Key} in {candidates[0].Vintage.CensusDirectory}/: {string.Join(", ", names)}" +
            (planVersion is null ? "" : $", and --plan-version {planVersion} picks {(chosen.Count == 0 ? "none" : "more than one")} of them") +
            $". Choose one explicitly: {string.Join(" or ", choices)} (TIGER_PLAN_VERSION).");
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
