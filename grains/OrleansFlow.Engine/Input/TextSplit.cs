namespace OrleansFlow.Engine.Input;

/// <summary>A byte range of a text file. A split owns every line that starts inside its range.</summary>
public readonly record struct TextSplit(string Path, long Offset, long Length);
