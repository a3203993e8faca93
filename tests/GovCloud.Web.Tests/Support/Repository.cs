namespace GovCloud.Web.Tests.Support;

/// <summary>The checkout the tests run from: its tools and its published output.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GovCloud.slnx"))) return dir.FullName;
        throw new InvalidOperationException("GovCloud.slnx not found above " + AppContext.BaseDirectory);
    }
}
