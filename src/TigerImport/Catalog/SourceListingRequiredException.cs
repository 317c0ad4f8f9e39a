namespace TigerImport.Catalog;

/// <summary>A county-based layer was asked for from a source that cannot list its files, without naming counties.</summary>
public sealed class SourceListingRequiredException(TigerLayerVintage vintage) : TigerImportException(
    FailureKind.Usage,
    $"{vintage.Layer.Key} {vintage.Year} is published per county and this source cannot list {vintage.CensusDirectory}/: name the counties with --counties SSCCC,…");
