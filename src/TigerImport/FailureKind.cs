namespace TigerImport;

/// <summary>What went wrong, in the terms an operator acts on; the CLI maps each to one exit code.</summary>
public enum FailureKind
{
    /// <summary>The request itself is wrong: unknown layer or state, missing option.</summary>
    Usage,

    /// <summary>A file could not be had: not found, blocked, corrupt download.</summary>
    Source,

    /// <summary>A file was had but cannot be read: corrupt zip, bad .dbf, unknown projection.</summary>
    Data,

    /// <summary>PostgreSQL refused or went away.</summary>
    Database,
}
