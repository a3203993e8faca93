namespace GovCloud.Domain.Applications;

/// <summary>服务器类型 of Annex 3 (R-A3.5); the code is what the form holds.</summary>
public enum ServerType
{
    APP,
    WEB,
    FTP,
    DAT,
    MID,
    TST,
    OTH,
}

public static class ServerTypes
{
    public static string DisplayName(this ServerType type) => type switch
    {
        ServerType.APP => "应用服务器",
        ServerType.WEB => "政府网站",
        ServerType.FTP => "文件服务器",
        ServerType.DAT => "数据库",
        ServerType.MID => "中间件",
        ServerType.TST => "测试",
        ServerType.OTH => "其他",
        _ => type.ToString(),
    };

    /// <summary>Reads a code as typed ("app", " WEB ", "DAT（数据库）") or its Chinese meaning ("数据库").</summary>
    public static ServerType? Parse(string? text)
    {
        var t = FormText.Fold(text);
        if (t.Length == 0) return null;
        foreach (var type in Enum.GetValues<ServerType>())
            if (t.StartsWith(type.ToString(), StringComparison.OrdinalIgnoreCase) || t == type.DisplayName())
                return type;
        return null;
    }
}
