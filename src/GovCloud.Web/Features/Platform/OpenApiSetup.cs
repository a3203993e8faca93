using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace GovCloud.Web.Features.Platform;

/// <summary>
/// The API description (/openapi/v1.json) says for every operation what a client needs to know before calling it: the
/// security it requires, the roles it admits, and the problem answers it can give (400/401/403/404/409/422, RFC 9457).
/// These follow from the endpoint itself (its role gate, its route, its method), so they are added here once, not
/// written by hand on 120 endpoints. The document is linted in the tests (Redocly, no errors allowed).
/// </summary>
public static class OpenApiSetup
{
    private const string Bearer = "Bearer";

    /// <summary>The tags the areas use, and what each is about.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["登录与令牌"] = "以用户名、密码（及动态口令）换取访问令牌；退出；以登录 Cookie 调用时的防伪令牌",
        ["当前用户"] = "本人信息、修改密码、动态口令（第二因素）的绑定",
        ["单位"] = "组织机构：市直使用单位、县区及其部门、市大数据发展局、市信息化建设管理中心、监管部门、市财政局",
        ["用户"] = "账号与角色（三员分立），解锁、吊销令牌、重置密码与动态口令",
        ["三员审批"] = "系统管理员、安全管理员、审计管理员角色的授予与撤销、管理员账号的密码重置与停用：一人申请、另一员审批",
        ["审计日志"] = "全部状态变更的防篡改审计记录：查询、导出、完整性校验（审计管理员）",
        ["工作日历"] = "法定节假日与调休安排、期限计算",
        ["时限"] = "各业务环节的办理时限、提醒与超期督办、时限看板",
        ["站内消息"] = "本人的待办与通知",
        ["信息系统台账"] = "非涉密信息系统的登记、导入导出与迁移上云率",
        ["服务目录与网络分区"] = "云资源服务目录（附件4）、按生效日期的单价、网络分区",
        ["资源池"] = "各网络分区的容量、已开通、已预留与剩余，容量增减记录",
        ["云资源申请"] = "附件2 流程：填报（附件3 需求表）、提交、评估、审批",
        ["试用与开通"] = "交付试用环境、使用协议、试用结果、正式开通或回收",
        ["变更与终止"] = "对已开通资源的变更、弹性范围与终止回收",
        ["资源台账"] = "虚拟机与其他服务的台账、费用、与云平台清单比对、云平台报送弹性调整",
        ["数据中心"] = "存量数据中心（第三章、附件1）：登记、认定、迁移计划、撤销与违规事项",
    };

    public static IServiceCollection AddGovCloudOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "柳州市政务云管理平台 API",
                    Version = "v1",
                    Description = "先调用 POST /api/v1/auth/token 取得访问令牌，再以 Authorization: Bearer <令牌> 调用其他接口。" +
                                  "每个接口的说明中列出允许调用的角色；其他角色得到 403。错误按 RFC 9457 返回 problem details（中文）。",
                    License = new OpenApiLicense { Name = "柳州市政务云管理平台内部接口，仅供授权的单位和系统调用" },
                };
                doc.Servers = [new OpenApiServer { Url = "/", Description = "本平台" }];
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "POST /api/v1/auth/token 返回的 accessToken",
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, doc)] = [] }];
                var used = doc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(op => op.Tags ?? new HashSet<OpenApiTagReference>())
                    .Select(t => t.Name).OfType<string>().Distinct();
                doc.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
                {
                    Name = name, Description = TagDescriptions.GetValueOrDefault(name, name),
                }));
                return Task.CompletedTask;
            });
            // Enums travel as their names (DefinedEnumConverter, which the schema generator cannot look into): list them.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                // A nullable enum is composed by the generator from null and the enum's own schema, which is set here.
                var type = context.JsonTypeInfo.Type;
                if (!type.IsEnum) return Task.CompletedTask;
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. Enum.GetNames(type).Select(n => (System.Text.Json.Nodes.JsonNode)n)];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var anonymous = metadata.OfType<IAllowAnonymous>().Any();
                var roles = metadata.OfType<AllowedRoles>().LastOrDefault();
                operation.Security = anonymous ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
                var who = anonymous ? "无需登录。" : roles is null ? "须登录。" : $"允许的角色：{string.Join("、", roles.Roles.Select(r => r.DisplayName()))}。";
                operation.Description = string.IsNullOrEmpty(operation.Description) ? who : operation.Description + "\n\n" + who;
                operation.Responses ??= new OpenApiResponses();
                if (!operation.Responses.Keys.Any(k => k.StartsWith('2')))
                    operation.Responses["200"] = new OpenApiResponse { Description = "成功" };
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// Adds to every API endpoint (after its own conventions) the problem answers its shape implies: 401 and 403 behind
    /// a role gate, 400 where it takes input, 404 where the route names something, 409 where it changes something named.
    /// </summary>
    public static TBuilder WithStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || route.RoutePattern.RawText?.StartsWith("/api") != true) return;
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var writes = methods.Any(m => m is "POST" or "PUT" or "DELETE" or "PATCH");
            var names = route.RoutePattern.Parameters.Count > 0;
            var statuses = new List<int>();
            if (!endpoint.Metadata.OfType<IAllowAnonymous>().Any()) statuses.AddRange([401, 403]);
            if (writes || route.RoutePattern.Parameters.Count > 0 || methods.Contains("GET")) statuses.Add(400);
            if (names) statuses.Add(404);
            if (writes && names) statuses.Add(409);
            foreach (var status in statuses.Where(s => !declared.Contains(s)))
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }
}
