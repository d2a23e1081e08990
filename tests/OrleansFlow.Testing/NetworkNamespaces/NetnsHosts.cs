using System.Text.RegularExpressions;

namespace OrleansFlow.Testing.NetworkNamespaces;

/// <summary>
/// Several "hosts" on this machine: a bridge in the root namespace (with an address, so that the test process can be
/// a client of every host) and one network namespace per host, joined to the bridge by a veth pair, each with its own
/// address in a /24 of its own. Needs root and iproute2; where either is missing, <see cref="CreateAsync"/> fails
/// with the command that failed — the multi-host tests do not skip. Disposing deletes every namespace, veth and
/// the bridge; what a killed test run left behind is deleted by the next one (names carry the creating process id).
/// </summary>
public sealed partial class NetnsHosts : IAsyncDisposable
{
    /// <summary>Every name starts so, then the owning process id, then a letter: <c>ofn1234b</c>, <c>ofn1234h0</c>.</summary>
    public const string NamePrefix = "ofn";

    private static int _instances;
    private readonly string _bridge;
    private bool _disposed;

    private NetnsHosts(string bridge, string bridgeAddress, IReadOnlyList<NetnsHost> hosts)
    {
        _bridge = bridge;
        BridgeAddress = bridgeAddress;
        Hosts = hosts;
    }

    /// <summary>The root namespace's address on the bridge: where the hosts see the test process.</summary>
    public string BridgeAddress { get; }

    public IReadOnlyList<NetnsHost> Hosts { get; }

    /// <summary>iproute2's <c>ip</c>, to run a process in a namespace (<c>ip netns exec NAME ...</c>).</summary>
    public static string IpExecutable => Ip.Executable;

    public static async Task<NetnsHosts> CreateAsync(int hosts)
    {
        await Ip.RequireAsync().ConfigureAwait(false);
        await RemoveLeftoversAsync().ConfigureAwait(false);
        // Interface names are at most 15 characters: the prefix, a process id (≤ 7 digits), a letter and a number.
        var stem = $"{NamePrefix}{Environment.ProcessId}{(char)('a' + Interlocked.Increment(ref _instances) % 26)}";
        var subnet = await FreeSubnetAsync().ConfigureAwait(false);
        var bridge = stem + "b";
        var created = new NetnsHosts(bridge, $"{subnet}.1", [.. Enumerable.Range(0, hosts).Select(i =>
            new NetnsHost($"{stem}h{i}", $"{subnet}.{10 + i}", $"{stem}v{i}"))]);
        try
        {
            await Ip.RunAsync("link", "add", bridge, "type", "bridge").ConfigureAwait(false);
            await Ip.RunAsync("addr", "add", $"{created.BridgeAddress}/24", "dev", bridge).ConfigureAwait(false);
            await Ip.RunAsync("link", "set", bridge, "up").ConfigureAwait(false);
            foreach (var host in created.Hosts)
            {
                var inside = host.RootVeth + "n";
                await Ip.RunAsync("netns", "add", host.Namespace).ConfigureAwait(false);
                await Ip.RunAsync("link", "add", host.RootVeth, "type", "veth", "peer", "name", inside).ConfigureAwait(false);
                await Ip.RunAsync("link", "set", inside, "netns", host.Namespace).ConfigureAwait(false);
                await Ip.RunAsync("link", "set", host.RootVeth, "master", bridge).ConfigureAwait(false);
                await Ip.RunAsync("link", "set", host.RootVeth, "up").ConfigureAwait(false);
                await Ip.RunAsync(host.Exec("ip", "addr", "add", $"{host.Address}/24", "dev", inside)).ConfigureAwait(false);
                await Ip.RunAsync(host.Exec("ip", "link", "set", inside, "up")).ConfigureAwait(false);
                await Ip.RunAsync(host.Exec("ip", "link", "set", "lo", "up")).ConfigureAwait(false);
            }
        }
        catch
        {
            await created.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return created;
    }

    /// <summary>Cuts the host's link to the bridge (its processes keep running, unreachable), or restores it.</summary>
    public Task SetLinkAsync(NetnsHost host, bool up) => Ip.RunAsync("link", "set", host.RootVeth, up ? "up" : "down");

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        // Each deletion on its own: one that fails (never created) must not leave the others behind.
        foreach (var host in Hosts)
        {
            await Ip.TryRunAsync("link", "del", host.RootVeth).ConfigureAwait(false); // deletes its peer too
            await Ip.TryRunAsync("netns", "del", host.Namespace).ConfigureAwait(false);
        }
        await Ip.TryRunAsync("link", "del", _bridge).ConfigureAwait(false);
    }

    /// <summary>Namespaces and links of test processes that are gone (killed before they could clean up).</summary>
    private static async Task RemoveLeftoversAsync()
    {
        var namespaces = (await Ip.RunAsync("netns", "list").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0]);
        foreach (var name in namespaces.Where(IsLeftover))
            await Ip.TryRunAsync("netns", "del", name).ConfigureAwait(false);
        var links = (await Ip.RunAsync("-o", "link", "show").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3) is [_, var name, _] ? name.Trim().Split('@')[0] : "");
        foreach (var name in links.Where(IsLeftover))
            await Ip.TryRunAsync("link", "del", name).ConfigureAwait(false);
    }

    private static bool IsLeftover(string name) =>
        OwnedName().Match(name) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var pid
        && pid != Environment.ProcessId && !File.Exists($"/proc/{pid}/stat");

    /// <summary>A 10.213.N.0/24 that no interface here has an address in (other test runs may have bridges up).</summary>
    private static async Task<string> FreeSubnetAsync()
    {
        var used = await Ip.RunAsync("-o", "-4", "addr", "show").ConfigureAwait(false);
        for (var i = 0; i < 250; i++)
        {
            var candidate = $"10.213.{(Environment.ProcessId + _instances + i) % 250 + 1}";
            if (!used.Contains($" {candidate}.", StringComparison.Ordinal))
                return candidate;
        }
        throw new InvalidOperationException("no free 10.213.N.0/24 subnet for the test hosts");
    }

    [GeneratedRegex($"^{NamePrefix}([0-9]+)[a-z]")]
    private static partial Regex OwnedName();
}
