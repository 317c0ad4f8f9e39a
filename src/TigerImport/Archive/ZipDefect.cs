namespace TigerImport.Archive;

/// <summary>What is wrong with a file that should be a zip: the kind, and a detail for the message.</summary>
public sealed record ZipDefect(ZipDefectKind Kind, string Detail);
