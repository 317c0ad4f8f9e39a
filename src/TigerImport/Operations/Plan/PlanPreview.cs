namespace TigerImport.Operations.Plan;

/// <summary>What an import with the same options would do: each layer's preview, or (when the role lacks a right it needs) none and what it lacks.</summary>
/// <param name="MissingRights">The messages an import would stop on with exit 5, before loading anything; empty when the role has every right.</param>
public sealed record PlanPreview(IReadOnlyList<LayerPreview> Layers, IReadOnlyList<string> MissingRights);
