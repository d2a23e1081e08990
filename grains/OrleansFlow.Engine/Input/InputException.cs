namespace OrleansFlow.Engine.Input;

/// <summary>The user's input cannot be used (missing path, empty folder, binary file). The message names the path
/// and is meant to be shown as it is, without a stack trace.</summary>
public sealed class InputException(string message) : Exception(message);
