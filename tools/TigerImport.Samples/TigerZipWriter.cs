namespace TigerImport.Samples;

/// <summary>Writes a sample as a Census-style zip: the shapefile parts at the zip root, deflated, byte-for-byte reproducible.</summary>
public static class TigerZipWriter
{
    /// <summary>Writes <paramref name="sample"/> to <paramref name="zipPath"/>, replacing any file there.</summary>
    public static void Write(string zipPath, TigerLayerSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var fullZipPath = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullZipPath)!);

        // The shapefile library writes files; a private folder keeps parallel writers of the same sample apart.
        var partsDirectory = Directory.CreateTempSubdirectory("tigerimport-samples-");
        try
        {
            var parts = TigerShapefileWriter.WriteParts(partsDirectory.FullName, sample);
            DeterministicZipWriter.Write(fullZipPath, parts, sample.LastModified);
        }
        finally
        {
            partsDirectory.Delete(recursive: true);
        }
    }
}
