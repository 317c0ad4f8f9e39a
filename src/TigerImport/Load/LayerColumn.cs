namespace TigerImport.Load;

/// <summary>A layer table column fed from a .dbf field.</summary>
/// <param name="Name">The column name: the DBF field name in lower case.</param>
/// <param name="PgType">The PostgreSQL type, as <c>format_type</c> spells it (text, integer, bigint, numeric, date, boolean).</param>
/// <param name="FieldIndex">The field's position in the .dbf.</param>
/// <param name="Width">The DBF field width, to zero-pad numeric codes.</param>
/// <param name="FieldName">The DBF field name as the file spells it, when the column comes from a file.</param>
public sealed record LayerColumn(string Name, string PgType, int FieldIndex, int Width, string? FieldName = null);
