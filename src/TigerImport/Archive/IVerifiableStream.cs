namespace TigerImport.Archive;

/// <summary>A zip member's stream that can read what is left of the member and check its size and CRC-32.</summary>
internal interface IVerifiableStream : IDisposable
{
    void ReadToEndAndVerify();
}
