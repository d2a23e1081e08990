namespace OrleansFlow.Testing.NetworkNamespaces;

/// <summary>The <c>ip</c> command of iproute2, which fails loudly: the error names the command and what it said.</summary>
internal static class Ip
{
    private static readonly string[] Candidates = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"];

    public static string Executable => Candidates.FirstOrDefault(File.Exists) ?? "ip";

    /// <summary>Fails with what is missing when this process cannot create network namespaces.</summary>
    public static async Task RequireAsync()
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidOperationException("the multi-host tests need Linux network namespaces; this is not Linux");
        if (!Candidates.Any(File.Exists))
            throw new InvalidOperationException("the multi-host tests need iproute2's 'ip' command (apt-get install -y iproute2; .ci/run installs it)");
        if (await ChildProcess.RunAsync("id", ["-u"]).ConfigureAwait(false) is { Stdout: var uid } && uid.Trim() != "0")
            throw new InvalidOperationException(
                $"the multi-host tests create network namespaces, veth pairs and a bridge, which needs root; this process runs as uid {uid.Trim()}");
    }

    public static Task<string> RunAsync(params IEnumerable<string> arguments) => RunAsync(arguments.ToList());

    public static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var run = await ChildProcess.RunAsync(Executable, arguments).ConfigureAwait(false);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"'ip {string.Join(' ', arguments)}' failed (exit {run.ExitCode}): {run.Stderr.Trim()}");
        return run.Stdout;
    }

    /// <summary>For clean-up: a failure (the thing was never made, or is gone already) is no error.</summary>
    public static async Task TryRunAsync(params IEnumerable<string> arguments) =>
        await ChildProcess.RunAsync(Executable, [.. arguments]).ConfigureAwait(false);
}
