using GovCloud.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Applications;

public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/applications").WithTags("云资源申请");
        group.MapGet("/request-form-template.xlsx", Template).WithName("DownloadRequestFormTemplate")
            .WithSummary("下载《云资源使用需求表》Excel 模板（附件3：红色表头为必填，网络分区、服务器类型、集群部署为下拉选择，含示例行和填写说明）");
        return app;
    }

    private static FileContentHttpResult Template(IOptions<GovCloudOptions> options) =>
        TypedResults.File(RequestFormWriter.Write(options.Value.Applications.NetworkZones, null, null), ExcelExport.ContentType, "云资源使用需求表（模板）.xlsx");
}
