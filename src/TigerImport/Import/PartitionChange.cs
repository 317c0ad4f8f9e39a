namespace TigerImport.Import;

/// <summary>Why a partition is (or is not) loaded again, compared with its published version.</summary>
public enum PartitionChange
{
    /// <summary>Never published: loaded.</summary>
    New,

    /// <summary>A file changed, was added, or left the source since the publish: loaded.</summary>
    Changed,

    /// <summary>Every file is the one published: not downloaded, loaded or published.</summary>
    Unchanged,

    /// <summary>Unchanged, but <c>--force</c> loads it anyway.</summary>
    Forced,
}
