using GovCloud.Domain.Security;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Inventory;

public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventory").WithTags("资源台账");
        group.MapGet("/vms", List).WithName("ListInventoryVms").Allow(Access.Inventory)
            .WithSummary("虚拟机台账（agencyId、zone、state：Trial 试用/Active 正式使用/Changing 变更中/Reclaiming 回收中/Reclaimed 已回收、q 主机名/IP/系统/负责人、" +
                         "sort：hostName、zone、vcpu、memoryGb、state、activeFrom、deliveredOn，前加 - 为倒序；含全部匹配结果的资源合计与月费用）");
        group.MapGet("/vms/export", Export).WithName("ExportInventoryVms").Allow(Access.Inventory).WithSummary("按同样的筛选条件导出虚拟机台账 Excel");
        group.MapGet("/services", Services).WithName("ListInventoryServices").Allow(Access.Inventory)
            .WithSummary("其他服务台账（负载均衡、数据库、备份等）：agencyId、systemId、state（Active 使用中 / Reclaimed 已停用）、itemCode；含按今日目录价的月费用合计");
        group.MapGet("/systems", Systems).WithName("ListSystemsHoldingResources").Allow(Access.Inventory).WithSummary("持有云资源（未回收虚拟机）的信息系统及台数：变更和终止的对象");
        group.MapGet("/vms/{vmId:guid}", Get).WithName("GetInventoryVm").Allow(Access.Inventory).WithSummary("一台虚拟机的详情及全部变动记录").ProducesProblem(404);
        group.MapPost("/vms/{vmId:guid}/scaling-events", Scale).WithName("RecordScalingEvent").Allow(Role.PlatformAgent)
            .WithSummary("云平台报送弹性调整（云平台对接账号的令牌）：在系统批准的弹性范围内直接记录，超出范围返回 409 并提示提交变更申请")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/platform/vms", PlatformVms).WithName("ListPlatformVms").Allow(Role.PlatformAgent)
            .WithSummary("云平台对接账号查看使用中的虚拟机（按主机名 hostName 或 IP 查找）：只有技术事实（配置、状态、弹性范围），不含使用单位、系统名称和负责人");
        group.MapGet("/platform/vms/{vmId:guid}", PlatformVm).WithName("GetPlatformVm").Allow(Role.PlatformAgent)
            .WithSummary("云平台对接账号查看一台虚拟机的技术事实及最近一次变动").ProducesProblem(404);
        group.MapPost("/reconciliation", Reconcile).WithName("ReconcileInventory").Allow(Access.Center)
            .WithSummary("上传云平台导出的虚拟机清单（表单字段 file，.csv 或 .xlsx：名称、IP、vCPU、内存、磁盘、网络分区），列出平台有而台账无、台账有而平台无、配置不一致的虚拟机；文件有误返回 422（逐行列出），不做任何更改")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesProblem(422).ProducesValidationProblem().ProducesProblem(403);
        app.MapGet("/api/v1/systems/{id:guid}/resources", OfSystem).WithTags("资源台账").WithName("GetSystemResources").Allow(Access.Inventory)
            .WithSummary("一个信息系统占用的虚拟机（含已回收的历史）、资源合计和月费用").ProducesProblem(404);
        return app;
    }

    private static async Task<Ok<InventoryList>> List(HttpContext http, InventoryService inventory, Guid? agencyId, string? zone, VmState? state, string? q,
        Guid? systemId, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await inventory.ListAsync(Actor.From(http), new InventoryQuery(agencyId, zone, state, q, systemId, sort, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, InventoryService inventory, TimeProvider clock, Guid? agencyId, string? zone,
        VmState? state, string? q, Guid? systemId, string? sort, CancellationToken ct) =>
        TypedResults.File(await inventory.ExportAsync(Actor.From(http), new InventoryQuery(agencyId, zone, state, q, systemId, sort), ct),
            ExcelExport.ContentType, ExcelExport.FileName("资源台账", clock));

    private static async Task<Ok<ServiceList>> Services(HttpContext http, InventoryService inventory, Guid? agencyId, Guid? systemId, VmState? state, string? itemCode,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await inventory.ServicesAsync(Actor.From(http), new ServiceQuery(agencyId, systemId, state, itemCode, page, pageSize), ct));

    private static async Task<Ok<IReadOnlyList<HeldSystemDto>>> Systems(HttpContext http, InventoryService inventory, CancellationToken ct) =>
        TypedResults.Ok(await inventory.HeldSystemsAsync(Actor.From(http), ct));

    private static async Task<Ok<ReconciliationReport>> Reconcile(IFormFile? file, HttpContext http, ReconciliationService reconciliation, FileStore files,
        CancellationToken ct)
    {
        var content = await files.ReadAllAsync(file, "请选择云平台导出的清单文件", ct);
        return TypedResults.Ok(await reconciliation.RunAsync(Actor.From(http), file!.FileName, content, ct));
    }

    private static async Task<Ok<PlatformVmDto>> Scale(Guid vmId, ScalingInput input, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        TypedResults.Ok(await inventory.ScaleAsync(Actor.From(http), vmId, input, ct));

    private static async Task<Ok<Paged<PlatformVmDto>>> PlatformVms(HttpContext http, InventoryService inventory, string? hostName, string? ip, int? page,
        int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await inventory.PlatformVmsAsync(Actor.From(http), hostName, ip, page, pageSize, ct));

    private static async Task<Ok<PlatformVmDto>> PlatformVm(Guid vmId, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        TypedResults.Ok(await inventory.PlatformVmAsync(Actor.From(http), vmId, ct));

    private static async Task<Ok<VmDetailDto>> Get(Guid vmId, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        TypedResults.Ok(await inventory.GetAsync(Actor.From(http), vmId, ct));

    private static async Task<Ok<SystemResourcesDto>> OfSystem(Guid id, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        TypedResults.Ok(await inventory.OfSystemAsync(Actor.From(http), id, ct));
}
