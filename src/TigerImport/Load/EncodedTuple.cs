namespace TigerImport.Load;

/// <summary>One row ready for the COPY, in binary COPY's tuple format (<see cref="TupleEncoder"/>).</summary>
public sealed record EncodedTuple(byte[] Tuple);
