namespace TigerImport.Archive;

/// <summary>How a file that should be a Census zip is not one.</summary>
public enum ZipDefectKind
{
    /// <summary>An HTML page (an error or "you have been blocked" page) saved in place of the zip.</summary>
    HtmlPage,

    /// <summary>No zip signature: some other bytes entirely.</summary>
    NotZip,

    /// <summary>A zip signature but no readable central directory, or a member whose size or CRC-32 does not match it.</summary>
    Damaged,
}
