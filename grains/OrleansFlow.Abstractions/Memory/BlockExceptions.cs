namespace OrleansFlow.Abstractions.Memory;

/// <summary>A block was read or written with a key other than the one its job holds.</summary>
public sealed class BlockAccessDeniedException(string message) : Exception(message);

/// <summary>A block that was freed, or never allocated, was asked for.</summary>
public sealed class BlockNotFoundException(string message) : Exception(message);
