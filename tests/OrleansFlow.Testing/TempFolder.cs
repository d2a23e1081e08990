namespace OrleansFlow.Testing;

/// <summary>
/// A fresh folder under the temp directory (<c>orleansflow-tests/[name-]GUID</c>), deleted with everything in it on
/// dispose.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <param name="name">Optional prefix of the folder's name, to tell whose folder it is.</param>
    public TempFolder(string? name = null)
    {
        var unique = Guid.NewGuid().ToString("N");
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleansflow-tests", name is null ? unique : $"{name}-{unique}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside the folder; nothing is created.</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The path of file <paramref name="name"/> inside the folder, its parent folders created, and
    /// <paramref name="content"/> written to it when given.</summary>
    public string File(string name, string? content = null)
    {
        var path = Sub(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (content is not null) System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file or write one for a moment; the temp folder is cleaned by the system.
        }
    }
}
