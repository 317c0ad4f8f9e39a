namespace TigerImport.Archive;

/// <summary>A .shp record the reader was not given: why, and its content as read, kept with the reject.</summary>
public sealed record ShapeDefect(int RecordNumber, string Reason, byte[] Content);
