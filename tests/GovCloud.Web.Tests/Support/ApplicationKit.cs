using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;

namespace GovCloud.Web.Tests.Support;

/// <summary>An application brought to a state the way the agency, the Center and the Bureau do it through the API.</summary>
public static class ApplicationKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    public static readonly ContactsDto Contacts = new("黄老师", "13900000001", "huang@edu.gov.cn", "赵六", "13700000000", "zhaoliu@vendor.cn");

    public static readonly AttachmentKind[] ExistingDocuments = [AttachmentKind.MigrationPlan, AttachmentKind.PerformanceTestReport, AttachmentKind.SecurityTestReport];

    /// <summary>A new system of the agency and a draft application for it, with one load balancer.</summary>
    public static async Task<(HttpClient Edu, ApplicationDto Application)> DraftAsync(this GovCloudApp app, SystemKind kind = SystemKind.Existing, string user = "edu",
        NetworkNeed[]? network = null)
    {
        var edu = await app.SignInAsync(user);
        var name = "智慧校园平台" + Guid.NewGuid().ToString("N")[..6];
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new
        {
            name, vendor = "广西某软件有限公司", vendorContactName = "赵六", vendorContactMobile = "13700000000", kind,
            location = kind == SystemKind.Existing ? SystemLocation.UncertifiedDataCenter : SystemLocation.OnCloud,
        })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var created = await (await edu.PostJsonAsync("/api/v1/applications", new
        {
            systemId = system.Id, purpose = "现有系统迁移上云", contacts = Contacts, services = new[] { new { itemCode = "load-balancer", quantity = 1 } },
            network,
        })).ReadAsync<ApplicationDto>(HttpStatusCode.Created);
        return (edu, created);
    }

    /// <summary>An application approved in full (row 2's data disk adjusted to 200 GB by the Center), with its trial awaiting delivery.</summary>
    public static async Task<(HttpClient Edu, ApplicationDto Application)> ApprovedAsync(this GovCloudApp app, string user = "edu", NetworkNeed[]? network = null)
    {
        var (edu, a) = await app.DraftAsync(user: user, network: network);
        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();
        var bureau = await app.SignInAsync("bureau");
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { opinion = "同意", version = a.Version, overrideReason = "测试" }))
            .ReadAsync<ApplicationDto>();
        return (edu, a);
    }

    /// <summary>What the Center built for the two approved rows: host names and addresses unique to the call.</summary>
    public static object Delivery(ApplicationDto a, long version, int? days = null, int vcpu = 4)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var net = Random.Shared.Next(0, 250);
        var host = Random.Shared.Next(1, 250);
        return new
        {
            days, version,
            vms = new object[]
            {
                new { no = 1, hostName = $"web-{tag}", ips = $"10.{net}.{host}.11、10.{net + 1}.{host}.11", vcpu, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 500,
                    operatingSystem = "麒麟 V10 SP3", bastionAccounts = new[] { $"zhangsan{tag}", $"lisi{tag}" } },
                new { no = 2, hostName = $"db-{tag}", ips = $"10.{net}.{host}.12", vcpu = 4, memoryGb = 8, systemDiskGb = 100, dataDiskGb = 200,
                    operatingSystem = "麒麟 V10 SP3", bastionAccounts = new[] { $"zhangsan{tag}", $"lisi{tag}" } },
            },
        };
    }

    public static async Task<TrialDto> TrialAsync(HttpClient client, Guid applicationId) =>
        await (await client.GetAsync($"/api/v1/applications/{applicationId}/trial", Ct)).ReadAsync<TrialDto>();

    /// <summary>An approved application whose two VMs the Center has delivered: the trial is running.</summary>
    public static async Task<(HttpClient Edu, HttpClient Center, ApplicationDto Application, TrialDto Trial)> InTrialAsync(this GovCloudApp app, string user = "edu")
    {
        var (edu, a) = await app.ApprovedAsync(user);
        var center = await app.SignInAsync("center");
        var trial = await TrialAsync(center, a.Id);
        trial = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/delivery", Delivery(a, trial.Version))).ReadAsync<TrialDto>();
        return (edu, center, a, trial);
    }

    /// <summary>The same, through agreement and a passed trial into formal use: web 4/8/100+500, db 4/8/100+200, both Active.</summary>
    public static async Task<(HttpClient Edu, HttpClient Center, ApplicationDto Application, TrialDto Trial)> LiveAsync(this GovCloudApp app)
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        var officer = await app.SignInAsync("edusec");
        var url = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{url}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{url}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        return (edu, center, a, trial);
    }

    public static VmRequest Vm(int no, string system, string? group = "G1", int vcpu = 4) => new(no, "公共网络区", "广西某软件有限公司", system, "门户",
        ServerType.WEB, [new BastionOwner("张三", "zhangsan@example.com", "13800000001"), new BastionOwner("李四", "lisi@example.com", "13800000002")],
        vcpu, 8, 100, 500, "麒麟 V10", group is not null, group, null);

    /// <summary>A form with fields and, when named, a PDF file as "file".</summary>
    public static MultipartFormDataContent Form(string? fileName, params (string Name, string Value)[] fields)
    {
        var form = fileName is null ? new MultipartFormDataContent() : File(Pdf, fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    public static MultipartFormDataContent File(byte[] bytes, string name, long? version = null, AttachmentKind? kind = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        if (version is not null) content.Add(new StringContent(version.ToString()!), "version");
        if (kind is not null) content.Add(new StringContent(kind.ToString()!), "kind");
        return content;
    }

    public static async Task<ApplicationDto> ImportAsync(HttpClient client, ApplicationDto a, params VmRequest[] rows)
    {
        var form = RequestFormWriter.Write(["公共网络区", "互联网区"], null, rows);
        return await (await client.PostAsync($"/api/v1/applications/{a.Id}/vms/import", File(form, "需求表.xlsx", a.Version), Ct)).ReadAsync<ApplicationDto>();
    }

    public static async Task<ApplicationDto> AttachAsync(HttpClient client, ApplicationDto a, params AttachmentKind[] kinds)
    {
        foreach (var kind in kinds)
            await (await client.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(Pdf, kind.DisplayName() + ".pdf", kind: kind), Ct))
                .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        return await GetAsync(client, a.Id);
    }

    public static async Task<ApplicationDto> GetAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/applications/{id}", Ct)).ReadAsync<ApplicationDto>();

    /// <summary>Two VMs imported from the Annex 3 form, the documents of an existing system, submitted.</summary>
    public static async Task<ApplicationDto> SubmittedAsync(HttpClient edu, ApplicationDto a)
    {
        a = await ImportAsync(edu, a, Vm(1, a.SystemName), Vm(2, a.SystemName));
        a = await AttachAsync(edu, a, ExistingDocuments);
        return await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
    }

    public static object Evaluation(ApplicationDto a) => new
    {
        opinion = "同意迁移，第 2 台数据盘调减", version = a.Version,
        rows = new object[] { new { no = 1, decision = RowDecision.Agree }, new { no = 2, decision = RowDecision.Adjust, dataDiskGb = 200, reason = "数据量评估后 200GB 足够" } },
        survey = new { date = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), people = "刘运、王工", findings = "现有机房环境老旧，具备迁移条件" },
    };
}
