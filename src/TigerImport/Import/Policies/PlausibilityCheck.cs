using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// The per-feature plausibility gates of one file, before anything of it may be published: its shapes agree with their
/// own rows (<see cref="ShapeAgreementGate"/>), lie within its scope's extent (<see cref="ExtentGate"/>) and carry its
/// identity (<see cref="IdentityGate"/>, <see cref="VintageCheck"/>). A wrong identity fails the file at once; shapes
/// that disagree are counted and the file fails when more than <see cref="Exceptions"/> of its features do (real Census
/// files measured: none). Each failure is a data error (exit 4) naming the file and the gate.
/// </summary>
internal sealed class PlausibilityCheck
{
    /// <summary>The features per file a gate allows as exceptions: 0.1% or 1, the larger.</summary>
    public static readonly RejectBudget Exceptions = RejectBudget.Parse("0.1%,1");

    private readonly TigerFile file;
    private readonly ShapeAgreementGate agreement;
    private readonly ExtentGate extent;
    private readonly IdentityGate identity;
    private readonly Tally disagreeing = new("shape-agreement");
    private readonly Tally outside = new("extent");

    public PlausibilityCheck(DbfFieldCollection fields, TigerFile file, Archive.TigerArchive archive, ExtentEnvelopes envelopes)
    {
        this.file = file;
        VintageCheck.Verify(fields, file, archive);
        agreement = new ShapeAgreementGate(fields, file.Layer, file.Year);
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
        return disagrees is null && lies is null ? null : new Finding(disagrees, lies);
    }

    /// <summary>Counts a published feature's findings, in file order.</summary>
    public void Count(int recordNumber, Finding? finding)
    {
        if (finding?.Disagrees is { } d)
        {
            disagreeing.Add(recordNumber, d);
        }

        if (finding?.Outside is { } o)
        {
            outside.Add(recordNumber, o);
        }
    }

    /// <summary>After the last feature: fails the file when a gate's exceptions exceed <see cref="Exceptions"/>.</summary>
    public void Verify(long records)
    {
        var limit = Exceptions.LimitFor(records);
        foreach (var tally in new[] { outside, disagreeing })
        {
            if (tally.Count > limit)
            {
                throw Failed(
                    file.FileName,
                    tally.Gate,
                    $"{tally.Count} of its {records} features fail it, more than the {limit} allowed ({Exceptions}); the first, record {tally.FirstRecord}: {tally.FirstProblem}. Are the .shp records aligned with the .dbf rows, and the coordinates where the file's scope is?");
            }
        }
    }

    /// <summary>Features the gates let through as exceptions, for the log.</summary>
    public long ExceptionCount => disagreeing.Count + outside.Count;

    public static TigerImportException Failed(string fileName, string gate, string detail) =>
        new(FailureKind.Data, $"{fileName}: plausibility gate '{gate}' failed: {detail}. Nothing of the layer was published.");

    /// <summary>What the shape gates found in one feature.</summary>
    internal sealed record Finding(string? Disagrees, string? Outside);

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
