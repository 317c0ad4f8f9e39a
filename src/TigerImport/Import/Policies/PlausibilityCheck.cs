using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// The per-feature plausibility gates of one file, before anything of it may be published: its shapes agree with their
/// own rows (<see cref="ShapeAgreementGate"/>, <see cref="NodeAgreementGate"/>), lie within its scope's extent
/// (<see cref="ExtentGate"/>) and carry its identity (<see cref="IdentityGate"/>, <see cref="VintageCheck"/>). A file
/// of a layer whose contract names the fields the shapes are checked by (<see cref="TigerLayer.ShapeFields"/>) and that
/// lacks them, or a wrong identity, fails the file at once; shapes that disagree are counted and the file fails when
/// more than <see cref="ExceptionBudget"/> of its features do (real Census files measured: none). Each failure is a
/// data error (exit 4) naming the file and the gate.
/// </summary>
internal sealed class PlausibilityCheck
{
    /// <summary>
    /// The features per file a gate allows as exceptions: 0.1%, no floor (a file under 1,000 features may have none).
    /// Every real Census file measured has none; a floor of 1 would let one lie through in a small national file.
    /// </summary>
    public static readonly RejectBudget ExceptionBudget = RejectBudget.Parse("0.1%");

    private readonly TigerFile file;
    private readonly ShapeAgreementGate agreement;
    private readonly NodeAgreementGate nodes;
    private readonly ExtentGate extent;
    private readonly IdentityGate identity;
    private readonly Tally disagreeing = new("shape-agreement");
    private readonly Tally misjoined = new("node-agreement");
    private readonly Tally outside = new("extent");

    public PlausibilityCheck(DbfFieldCollection fields, TigerFile file, Archive.TigerArchive archive, ExtentEnvelopes envelopes)
    {
        this.file = file;
        VintageCheck.Verify(fields, file, archive);
        var missing = file.Layer.ShapeFields.Where(name => FieldLookup.Find(fields, name, file.Year) is null).ToList();
        if (missing.Count > 0)
        {
            throw Failed(
                file.FileName,
                "shape-fields",
                $"its .dbf lacks {string.Join(", ", missing)}, which every TIGER/Line {file.Layer.Key} file carries: without them its shapes cannot be checked against its rows");
        }

        agreement = new ShapeAgreementGate(fields, file.Layer, file.Year);
        nodes = new NodeAgreementGate(fields, file.Year);
        extent = new ExtentGate(fields, file, envelopes);
        identity = new IdentityGate(fields, file);
    }

    /// <summary>A feature's findings (null: none), on a pool thread; a wrong identity throws.</summary>
    public Finding? Judge(NetTopologySuite.Geometries.Geometry? geometry, object?[] values, int recordNumber)
    {
        if (identity.Problem(values) is { } wrong)
        {
            throw Failed(file.FileName, "identity", $"record {recordNumber}: {wrong} (a record of another state or county?)");
        }

        if (geometry is not { IsEmpty: false })
        {
            return null;
        }

        var disagrees = agreement.Applies ? agreement.Problem(geometry, values) : null;
        var lies = extent.Problem(geometry, values);
        var ends = nodes.Applies ? nodes.EndsOf(geometry, values) : null;
        return disagrees is null && lies is null && ends is null ? null : new Finding(disagrees, lies, ends);
    }

    /// <summary>Counts a published feature's findings, in file order (the node gate collects each edge's ends).</summary>
    public void Count(int recordNumber, Finding? finding)
    {
        if (finding?.Disagrees is { } d)
        {
            disagreeing.Add(recordNumber, d);
        }

        if (finding?.Ends is { } ends)
        {
            nodes.Add(recordNumber, ends);
        }

        if (finding?.Outside is { } o)
        {
            outside.Add(recordNumber, o);
        }
    }

    /// <summary>After the last feature: fails the file when a gate's exceptions exceed <see cref="ExceptionBudget"/>.</summary>
    public void Verify(long records)
    {
        foreach (var (record, problem) in nodes.Exceptions())
        {
            misjoined.Add(record, problem);
        }

        var limit = ExceptionBudget.LimitFor(records);
        foreach (var tally in new[] { outside, disagreeing, misjoined })
        {
            if (tally.Count > limit)
            {
                throw Failed(
                    file.FileName,
                    tally.Gate,
                    $"{tally.Count} of its {records} features fail it, more than the {limit} allowed ({ExceptionBudget}); the first, record {tally.FirstRecord}: {tally.FirstProblem}. Are the .shp records aligned with the .dbf rows, and the coordinates where the file's scope is?");
            }
        }

        if (nodes.Unshared() is { } unshared)
        {
            throw Failed(file.FileName, misjoined.Gate, unshared);
        }
    }

    /// <summary>The gates that let features through as exceptions, each with its count and first exception, for the log.</summary>
    public IReadOnlyList<GateExceptions> Exceptions =>
        [.. new[] { disagreeing, misjoined, outside }.Where(t => t.Count > 0).Select(t => new GateExceptions(t.Gate, t.Count, t.FirstRecord, t.FirstProblem!))];

    /// <summary>Features the gates let through as exceptions (a feature two gates fault counts twice).</summary>
    public long ExceptionCount => Exceptions.Sum(g => g.Count);

    public static TigerImportException Failed(string fileName, string gate, string detail) =>
        new(FailureKind.Data, $"{fileName}: plausibility gate '{gate}' failed: {detail}. Nothing of the layer was published.");

    /// <summary>What the shape gates found in one feature, and an edge's ends for the node gate.</summary>
    internal sealed record Finding(string? Disagrees, string? Outside, NodeAgreementGate.Ends? Ends = null);

    /// <summary>One gate's exceptions in a file that passed it: how many, and the first.</summary>
    internal sealed record GateExceptions(string Gate, long Count, int FirstRecord, string FirstProblem);

    private sealed class Tally(string gate)
    {
        public string Gate => gate;

        public long Count { get; private set; }

        public int FirstRecord { get; private set; }

        public string? FirstProblem { get; private set; }

        public void Add(int recordNumber, string problem)
        {
            if (Count++ == 0)
            {
                (FirstRecord, FirstProblem) = (recordNumber, problem);
            }
        }
    }
}
