namespace TigerImport.Archive;

/// <summary>A .dbf field as its descriptor gives it: name, type letter, offset in the record (after the deletion flag's byte 0), width and decimals.</summary>
internal readonly record struct DbfFieldLayout(string Name, char Type, int Offset, int Length, int Decimals);
