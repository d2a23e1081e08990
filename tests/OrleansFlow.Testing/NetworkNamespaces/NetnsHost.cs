namespace OrleansFlow.Testing.NetworkNamespaces;

/// <summary>One "host" of <see cref="NetnsHosts"/>: a network namespace with one veth link to the bridge and its own
/// address. Processes started with <see cref="Exec"/> see only this host's network.</summary>
public sealed record NetnsHost(string Namespace, string Address, string RootVeth)
{
    /// <summary>The command line that runs <paramref name="command"/> on this host (<c>ip netns exec NAME ...</c>).</summary>
    public IReadOnlyList<string> Exec(params IEnumerable<string> command) => ["netns", "exec", Namespace, .. command];
}
