namespace TigerImport.Samples;

/// <summary>The dBASE field types a sample can hold; the value is the type letter stored in the .dbf header.</summary>
public enum TigerFieldType
{
    /// <summary>Text (C); TIGER/Line stores every code and name this way.</summary>
    Character = 'C',

    /// <summary>Number (N), e.g. ALAND/AWATER N(14,0) and TLID N(10,0).</summary>
    Numeric = 'N',

    /// <summary>Date (D, yyyyMMdd); no current TIGER/Line layer uses it, tests of other layouts may.</summary>
    Date = 'D',
}
