using System.Net;
using System.Net.Sockets;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>The app behind the real Kestrel server (not the in-memory test server), whose request limits are the ones users meet.</summary>
public sealed class KestrelApp : IAsyncLifetime
{
    public GovCloudApp App { get; } = new(Provider.Sqlite);

    public ValueTask InitializeAsync()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        App.UseKestrel(port);
        App.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>One upload limit (GovCloud:Files:MaxSizeMb, 50 MB), stated once and kept by the server as well as by the file store.</summary>
public sealed class UploadLimitTests(KestrelApp kestrel) : IClassFixture<KestrelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Pdf(int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        ApplicationKit.Pdf.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task A_35_MB_document_is_taken_although_the_server_default_would_refuse_it()
    {
        var (edu, a) = await kestrel.App.DraftAsync();
        var added = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            ApplicationKit.File(Pdf(35), "迁移方案.pdf", kind: AttachmentKind.MigrationPlan), Ct)).ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal(35L * 1024 * 1024, added.Size);
    }

    [Fact]
    public async Task A_file_just_over_the_limit_inside_the_request_room_is_a_413_too()
    {
        var (edu, a) = await kestrel.App.DraftAsync();
        var bytes = new byte[50 * 1024 * 1024 + 512 * 1024];
        ApplicationKit.Pdf.CopyTo(bytes, 0);
        var problem = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            ApplicationKit.File(bytes, "迁移方案.pdf", kind: AttachmentKind.MigrationPlan), Ct)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("文件不能超过 50 MB", problem.Detail);
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_a_chinese_413_naming_the_limit_and_nothing_is_kept()
    {
        var (edu, a) = await kestrel.App.DraftAsync();
        var problem = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            ApplicationKit.File(Pdf(52), "迁移方案.pdf", kind: AttachmentKind.MigrationPlan), Ct)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("上传内容过大", problem.Title);
        Assert.Equal("文件不能超过 50 MB", problem.Detail);
        Assert.Empty((await ApplicationKit.GetAsync(edu, a.Id)).Attachments);
    }
}
