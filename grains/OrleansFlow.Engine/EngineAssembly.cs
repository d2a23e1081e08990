namespace OrleansFlow.Engine;

/// <summary>Marker type for the engine assembly (used to find it, e.g. when user code is loaded beside it).</summary>
public static class EngineAssembly;
