using System.Text.Json;
using GovCloud.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// A refusal with a Chinese message that services throw and the API turns into RFC 9457 problem
/// details (the UI shows <see cref="Exception.Message"/>). Thrown before anything is saved, so a
/// refused request changes nothing.
/// </summary>
public sealed class ProblemException(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Extra members of the problem document (e.g. lockedUntil).</summary>
    public Dictionary<string, object?> Extensions { get; } = new();

    public static ProblemException NotFound(string what) => new(404, "未找到", $"{what}不存在或无权查看");
    public static ProblemException Forbidden(string detail) => new(403, "无权操作", detail);
    public static ProblemException Conflict(string detail) => new(409, "数据已被修改", detail);

    /// <summary>The optimistic check of every edit: the caller must say which version it saw, and it must still be the current one.</summary>
    public static void CheckVersion<T>(T? seen, T current, string what) where T : IEquatable<T>
    {
        if (seen is null || seen is string { Length: 0 }) throw Invalid("version", "缺少版本号 version");
        if (!seen.Equals(current)) throw Conflict($"该{what}已被他人修改，请刷新后重试");
    }

    public static void CheckVersion(long? seen, long current, string what)
    {
        if (seen is null) throw Invalid("version", "缺少版本号 version");
        if (seen != current) throw Conflict($"该{what}已被他人修改，请刷新后重试");
    }

    public static ProblemException Invalid(string field, string message) =>
        new(400, "输入有误", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemException Invalid(IDictionary<string, string[]> errors) =>
        new(400, "输入有误", string.Join("；", errors.SelectMany(e => e.Value)), errors);

    /// <summary>
    /// An uploaded spreadsheet refused as a whole (422): <c>errors</c> lists every problem with its row,
    /// column and header, and nothing was changed.
    /// </summary>
    public static ProblemException SpreadsheetRefused<T>(string title, IReadOnlyList<T> errors)
    {
        var problem = new ProblemException(422, title, $"共 {errors.Count} 处问题，请按行列修改后重新导入；本次未做任何更改");
        problem.Extensions["errors"] = errors;
        return problem;
    }

    /// <summary>Every problem message, for display in the UI.</summary>
    public string AllMessages => Errors is { Count: > 0 } ? string.Join("；", Errors.SelectMany(e => e.Value)) : Message;
}

public static class Texts
{
    /// <summary>Text made from users' words (titles, message bodies) cut to fit its column, marked with an ellipsis.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// Several lines a user typed (an opinion, a reason, remarks): control and invisible characters removed
    /// (<see cref="TextRules"/>), trimmed; null when nothing visible remains.
    /// </summary>
    public static string? OrNull(string? text) => TextRules.MultiLine(text) is { Length: > 0 } t ? t : null;

    /// <summary>
    /// One line a user typed (a name, a contact, a file name): control and invisible characters removed, line breaks and
    /// runs of spaces made one space, trimmed; null when nothing visible remains.
    /// </summary>
    public static string? Line(string? text) => TextRules.OneLine(text) is { Length: > 0 } t ? t : null;
}

/// <summary>A problem of an uploaded spreadsheet, where Excel shows it: row number, column letter and its header (row 0: the file as a whole).</summary>
public sealed record SheetError(int Row, string Column, string Header, string Message);

/// <summary>Collects field errors and throws them together, so a form learns everything it got wrong at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Check(bool ok, string field, string message) => ok ? this : Add(field, message);

    /// <summary>Filled in with something visible (a name of zero-width spaces is not a name), and not too long.</summary>
    public Validation Required(string? value, string field, string label, int maxLength = 0)
    {
        var visible = TextRules.MultiLine(value);
        if (TextRules.OneLine(visible).Length == 0) return Add(field, $"{label}不能为空");
        if (maxLength > 0 && visible.Length > maxLength) Add(field, $"{label}不能超过 {maxLength} 个字");
        return this;
    }

    /// <summary>A contact's name, mobile and e-mail, reported as {field}Name / {field}Mobile / {field}Email.</summary>
    public Validation Contact(string field, string label, string? name, string? mobile, string? email)
    {
        if (Texts.Line(name)?.Length > 50) Add(field + "Name", $"{label}姓名不能超过 50 个字");
        if (!string.IsNullOrWhiteSpace(mobile) && !GovCloud.Domain.Organisations.ContactRules.IsMobile(mobile)) Add(field + "Mobile", $"{label}手机号码须为 11 位数字");
        if (!string.IsNullOrWhiteSpace(email) && !GovCloud.Domain.Organisations.ContactRules.IsEmail(email)) Add(field + "Email", $"{label}邮箱格式不正确");
        return this;
    }

    /// <summary>A date a user typed, within the plausible range of every date (when given).</summary>
    public Validation Date(DateOnly? date, string field, string label, GovCloud.Domain.Calendar.PlausibleDates range) =>
        date is { } d && range.Check(d, label) is { } problem ? Add(field, problem) : this;

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw ProblemException.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

public static class ProblemSetup
{
    /// <summary>Chinese titles for the statuses the framework produces by itself.</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "请求有误",
        401 => "未登录或登录已过期",
        403 => "无权访问",
        404 => "未找到",
        405 => "不支持该请求方法",
        409 => "数据冲突",
        413 => "上传内容过大",
        415 => "不支持的内容类型",
        423 => "账号已锁定",
        429 => "请求过于频繁，请稍后再试",
        _ when status >= 500 => "服务器内部错误",
        _ => "请求失败",
    };

    /// <summary>An upload over the one limit, however it was found out.</summary>
    public static ProblemException TooLarge(int maxSizeMb) => new(413, "上传内容过大", $"文件不能超过 {maxSizeMb} MB");

    public static IServiceCollection AddChineseProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            // Replace the framework's English defaults; keep titles our own code set.
            if (ctx.ProblemDetails.Title is null || IsAscii(ctx.ProblemDetails.Title))
                ctx.ProblemDetails.Title = TitleFor(status);
            if (ctx.ProblemDetails.Detail is not null && IsAscii(ctx.ProblemDetails.Detail))
                ctx.ProblemDetails.Detail = null;
            // The role gate of an endpoint (EndpointAccess.Allow) answers before any handler could say more: it names who may.
            if (status == 413 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = $"文件不能超过 {ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GovCloudOptions>>().Value.Files.MaxSizeMb} MB";
            if (status == 403 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = ctx.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Auth.AllowedRoles>() is { } allowed
                    ? $"只有{string.Join("、", allowed.Roles.Select(GovCloud.Domain.Security.Roles.DisplayName))}可以使用此功能"
                    : "您的角色无权使用此功能";
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Minimal APIs then throw on malformed JSON and missing parameters, and the handler answers 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    private static bool IsAscii(string s) => s.All(char.IsAscii);
}

/// <summary>Turns every exception into problem details: ours with their Chinese text, the rest without a stack trace.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log,
    Microsoft.Extensions.Options.IOptions<GovCloudOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // Kestrel finds a body larger than it said only while reading it.
        if (exception is BadHttpRequestException { StatusCode: 413 }) exception = ProblemSetup.TooLarge(options.Value.Files.MaxSizeMb);
        // Two writers at the same moment: the unique index kept the rule, and the loser is told which one.
        if (exception is DbUpdateException write && Data.UniqueRules.Conflict(write) is { } conflict) exception = conflict;
        ProblemDetails problem = exception switch
        {
            ProblemException p when p.Errors is { Count: > 0 } => new HttpValidationProblemDetails(p.Errors) { Status = p.Status, Title = p.Title, Detail = p.Detail },
            ProblemException p => new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail },
            // A value of the wrong type ("abc" for a number) names its field, as any other invalid input does.
            BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } when path.Length <= 100 && path.StartsWith("$.", StringComparison.Ordinal) =>
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { [path[2..]] = ["值的类型或格式不正确（数字须为整数，文字须加引号）"] })
                {
                    Status = 400, Title = "请求格式不正确", Detail = $"字段 {path[2..]} 的值类型或格式不正确",
                },
            BadHttpRequestException { InnerException: JsonException } => new ProblemDetails { Status = 400, Title = "请求格式不正确", Detail = "请求正文不是有效的 JSON" },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "请求格式不正确", Detail = "请求参数缺失或格式不正确" },
            DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "数据已被修改", Detail = "该记录已被他人修改，请刷新后重试" },
            _ => new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "请稍后再试或联系管理员" },
        };
        if (exception is ProblemException { Extensions.Count: > 0 } withExtensions)
            foreach (var (key, value) in withExtensions.Extensions) problem.Extensions[key] = value;
        if (problem.Status >= 500) log.LogError(exception, "Unhandled exception");
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
