using System.Runtime.InteropServices;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// Many names for one file: a big input that costs no disk. Hard links, not symbolic ones: a symbolic link's
/// <see cref="FileInfo.Length"/> is that of the link (its target's path), and the jobs size their splits by it.
/// </summary>
internal static partial class HardLinks
{
    /// <summary><paramref name="count"/> hard links to <paramref name="file"/> in <paramref name="folder"/>, named by <paramref name="name"/>.</summary>
    public static void Create(string file, string folder, int count, Func<int, string> name)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder, name(i));
            if (Link(file, path) != 0)
                throw new IOException($"link {file} {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);
}
