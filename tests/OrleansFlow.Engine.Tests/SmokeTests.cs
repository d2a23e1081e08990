namespace OrleansFlow.Engine.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void EngineAssemblyLoads() => Assert.Equal("OrleansFlow.Engine", typeof(EngineAssembly).Assembly.GetName().Name);
}
