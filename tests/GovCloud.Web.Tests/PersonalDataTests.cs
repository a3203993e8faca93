using System.Net;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Infrastructure.Privacy;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>R-27.1: mobiles, e-mails and phones are sealed with SM4 at rest, searchable by a keyed hash, keys rotated by re-encryption.</summary>
public sealed class PersonalDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Mobile = "13912345678";
    private const string Email = "wang.wu@liuzhou.gov.cn";

    /// <summary>The mobiles, e-mails and phones the fixtures put in (ApplicationKit: contacts, vendor, bastion owners).</summary>
    private static readonly string[] Secrets = [Mobile, Email, "13712340000", "zhao.qi@liuzhou.gov.cn", "13900000001", "huang@edu.gov.cn", "13700000000", "zhaoliu@vendor.cn",
        "13800000001", "zhangsan@example.com", "13800000002", "lisi@example.com"];

    private static async Task<UserWithPassword> NewUserAsync(GovCloudApp app, HttpClient admin, string userName = "wangwu", string mobile = Mobile)
    {
        var organisations = await (await admin.GetAsync("/api/v1/organisations?q=" + Uri.EscapeDataString("市信息化建设管理中心"), Ct)).ReadAsync<Paged<OrganisationDto>>();
        return await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName, displayName = "王五", organisationId = organisations.Items.Single().Id,
            roles = new[] { Role.CenterOperator }, phoneNumber = mobile, email = Email,
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
    }

    /// <summary>Every text column of every table, read past EF Core (what a copy of the database file would show).</summary>
    private static async Task<List<(string Table, string Column, string Value)>> RawTextAsync(GovCloudDbContext db)
    {
        var found = new List<(string, string, string)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
        {
            foreach (var column in entity.GetProperties().Where(p => p.GetProviderClrType() == typeof(string) || p.ClrType == typeof(string)).Select(p => p.GetColumnName()).Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT \"{column}\" FROM \"{entity.GetTableName()}\" WHERE \"{column}\" IS NOT NULL";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct)) found.Add((entity.GetTableName()!, column, reader.GetValue(0).ToString()!));
            }
        }
        return found;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task R_27_1_the_database_holds_no_plain_mobile_or_e_mail_yet_the_app_reads_them_whole_and_finds_a_user_by_mobile(Provider provider)
    {
        await using var app = new GovCloudApp(provider);
        var admin = await app.SignInAsync("admin");
        var created = await NewUserAsync(app, admin);
        // An administrator account waits for a second administrator (三员分立), its e-mail and mobile with it.
        var organisations = await (await admin.GetAsync("/api/v1/organisations?q=" + Uri.EscapeDataString("市大数据发展局"), Ct)).ReadAsync<Paged<OrganisationDto>>();
        var held = await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "zhaoqi", displayName = "赵七", organisationId = organisations.Items.Single().Id,
            roles = new[] { Role.AuditAdmin }, phoneNumber = "13712340000", email = "zhao.qi@liuzhou.gov.cn",
        });
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        await app.InTrialAsync();
        await app.SignInWithFormAsync("edu"); // a sign-in cookie: the data-protection key ring is made and stored

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Matches("<sealedSecret[^>]*>sm4:1:", xml);
            Assert.DoesNotContain("<value>", xml); // the master key's secret
            Assert.DoesNotContain("requiresEncryption", xml);
        });
        var raw = await app.WithDbAsync(RawTextAsync);
        var leaks = raw.Where(r => Secrets.Any(s => r.Value.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "plain personal data in " + string.Join(", ", leaks.Select(l => $"{l.Table}.{l.Column}")));
        var phone = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"PhoneNumber\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'wangwu'").SingleAsync(Ct));
        Assert.StartsWith("sm4:1:", phone);

        // Read back through the app: whole to the one who manages accounts.
        var user = await (await admin.GetAsync($"/api/v1/users/{created.User.Id}", Ct)).ReadAsync<UserDto>();
        Assert.Equal(Mobile, user.PhoneNumber);
        Assert.Equal(Email, user.Email);

        // Found by its number however it is typed, though only a keyed hash of it is stored.
        foreach (var typed in new[] { Mobile, "139-1234-5678", "+86 139 1234 5678" })
        {
            var hits = await (await admin.GetAsync("/api/v1/users?q=" + Uri.EscapeDataString(typed), Ct)).ReadAsync<Paged<UserDto>>();
            Assert.Equal(["wangwu"], hits.Items.Select(u => u.UserName));
        }
        var none = await (await admin.GetAsync("/api/v1/users?q=13912345679", Ct)).ReadAsync<Paged<UserDto>>();
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task R_27_1_lists_and_exports_show_personal_data_masked_whole_only_to_roles_that_need_it_each_such_view_audited()
    {
        await using var app = new GovCloudApp(Provider.Sqlite);
        var admin = await app.SignInAsync("admin");
        var created = await NewUserAsync(app, admin);
        Task<int> Viewed(string type) => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Features.Audit.AuditActions.PersonalDataViewed && a.EntityType == type, Ct));

        // Users: masked in the list and the export, to everyone.
        var listed = (await (await admin.GetAsync("/api/v1/users?q=wangwu", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single();
        Assert.Equal(("139****5678", "w***@liuzhou.gov.cn"), (listed.PhoneNumber, listed.Email));
        var export = await (await admin.GetAsync("/api/v1/users/export?q=wangwu", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var row = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Cast<IDictionary<string, object>>().Single();
        Assert.Equal(("139****5678", "w***@liuzhou.gov.cn"), (row["手机号码"]?.ToString(), row["邮箱"]?.ToString()));
        Assert.Equal(0, await Viewed("User"));
        // One account whole to the system administrator (who edits it), and the view is in the audit log; masked to the security administrator.
        Assert.Equal(Mobile, (await (await admin.GetAsync($"/api/v1/users/{created.User.Id}", Ct)).ReadAsync<UserDto>()).PhoneNumber);
        Assert.Equal(1, await Viewed("User"));
        var secadmin = await app.SignInAsync("secadmin");
        Assert.Equal("139****5678", (await (await secadmin.GetAsync($"/api/v1/users/{created.User.Id}", Ct)).ReadAsync<UserDto>()).PhoneNumber);
        Assert.Equal(1, await Viewed("User"));
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == Features.Audit.AuditActions.PersonalDataViewed, Ct));
        Assert.Contains("wangwu（王五）", entry.After);
        Assert.Contains("邮箱、手机号码", entry.After);
        // Who is shown it masked cannot find it by number either: else trying the hidden digits one by one would unmask it.
        Assert.Empty((await (await secadmin.GetAsync($"/api/v1/users?q={Mobile}", Ct)).ReadAsync<Paged<UserDto>>()).Items);

        // Sent back as it was shown (masked), a contact is kept, not overwritten with stars.
        var shown = (await (await admin.GetAsync("/api/v1/users?q=wangwu", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single();
        (await admin.PutJsonAsync($"/api/v1/users/{shown.Id}", new
        {
            displayName = "王五", roles = shown.Roles, email = shown.Email, phoneNumber = shown.PhoneNumber, isActive = true, version = shown.Version,
        })).EnsureSuccessStatusCode();
        var kept = await (await admin.GetAsync($"/api/v1/users/{shown.Id}", Ct)).ReadAsync<UserDto>();
        Assert.Equal((Mobile, Email), (kept.PhoneNumber, kept.Email));

        // An application: whole to its agency (not audited: its own) and to the Center (audited); masked to Finance and the regulators.
        var (_, center, application, _) = await app.InTrialAsync();
        var edu = await app.SignInAsync("edu");
        var url = $"/api/v1/applications/{application.Id}";
        Assert.Equal("13900000001", (await (await edu.GetAsync(url, Ct)).ReadAsync<ApplicationDto>()).Contacts.AgencyContactMobile);
        Assert.Equal(0, await Viewed("ResourceApplication"));
        var seen = await (await center.GetAsync(url, Ct)).ReadAsync<ApplicationDto>();
        Assert.Equal(("13900000001", "13800000001、13800000002"), (seen.Contacts.AgencyContactMobile, seen.Vms[0].OwnerMobiles));
        Assert.Equal(1, await Viewed("ResourceApplication"));
        Assert.Single((await (await center.GetAsync("/api/v1/applications?q=" + Uri.EscapeDataString("139-0000-0001"), Ct)).ReadAsync<Paged<ApplicationSummaryDto>>()).Items);
        foreach (var reader in new[] { "finance", "police" })
        {
            var client = await app.SignInAsync(reader);
            Assert.Empty((await (await client.GetAsync("/api/v1/applications?q=13900000001", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>()).Items);
            var masked = await (await client.GetAsync(url, Ct)).ReadAsync<ApplicationDto>();
            Assert.Equal(("139****0001", "h***@edu.gov.cn", "137****0000"),
                (masked.Contacts.AgencyContactMobile, masked.Contacts.AgencyContactEmail, masked.Contacts.VendorContactMobile));
            Assert.Equal(("z***@example.com、l***@example.com", "138****0001、138****0002"), (masked.Vms[0].OwnerEmails, masked.Vms[0].OwnerMobiles));
        }
        Assert.Equal(1, await Viewed("ResourceApplication"));

        // A VM's bastion owners: whole to the Center's operators (audited), masked to the Bureau.
        var vm = (await (await center.GetAsync($"/api/v1/inventory/vms?organisationId={application.OrganisationId}", Ct)).ReadAsync<InventoryList>()).Items.First();
        Assert.Equal("13800000001、13800000002", (await (await center.GetAsync($"/api/v1/inventory/vms/{vm.Id}", Ct)).ReadAsync<VmDetailDto>()).OwnerMobiles);
        Assert.Equal(1, await Viewed("CloudVm"));
        var bureau = await app.SignInAsync("bureau");
        Assert.Equal("138****0001、138****0002", (await (await bureau.GetAsync($"/api/v1/inventory/vms/{vm.Id}", Ct)).ReadAsync<VmDetailDto>()).OwnerMobiles);

        // The register: masked in the list and the export; an exported sheet read back leaves the stored contact as it was.
        var systems = await (await edu.GetAsync("/api/v1/systems?q=" + Uri.EscapeDataString("137 0000 0000"), Ct)).ReadAsync<Paged<Features.Systems.InfoSystemDto>>();
        var system = systems.Items.Single(); // found by the vendor contact's mobile
        Assert.Equal("137****0000", system.VendorContactMobile);
        Assert.Empty((await (await (await app.SignInAsync("police")).GetAsync("/api/v1/systems?q=13700000000", Ct)).ReadAsync<Paged<Features.Systems.InfoSystemDto>>()).Items);
        var sheet = await (await edu.GetAsync("/api/v1/systems/export", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var import = new MultipartFormDataContent { { new ByteArrayContent(sheet), "file", "台账.xlsx" } };
        (await edu.PostAsync("/api/v1/systems/import", import, Ct)).EnsureSuccessStatusCode();
        Assert.Equal("13700000000", (await (await edu.GetAsync($"/api/v1/systems/{system.Id}", Ct)).ReadAsync<Features.Systems.InfoSystemDto>()).VendorContactMobile);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task R_27_1_a_rotated_key_reseals_every_value_and_the_old_key_can_then_go(Provider provider)
    {
        string connection;
        Guid id;
        await using (var first = new GovCloudApp(provider) { KeepDatabase = true })
        {
            connection = first.ConnectionString;
            id = (await NewUserAsync(first, await first.SignInAsync("admin"))).User.Id;
            await first.SignInWithFormAsync("edu"); // a data-protection key, sealed with key 1
            // A value written before encryption was turned on: plain, no index.
            await first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Organisations\" SET \"ContactPhone\" = '0772-2809999', \"ContactPhoneIndex\" = NULL WHERE \"Name\" = '市教育局'", Ct));
        }

        var rotated = new Dictionary<string, string?>
        {
            ["GovCloud:PersonalData:Keys:2"] = "ZmVkY2JhOTg3NjU0MzIxMA==",
            ["GovCloud:PersonalData:CurrentKey"] = "2",
        };
        await using (var second = new GovCloudApp(provider, connection, demo: false, settings: rotated) { KeepDatabase = true })
        {
            // Each start reseals what is not sealed with the current key, and says so in the audit log when it is done.
            Task<int> Resealed() => second.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Features.Audit.AuditActions.PersonalDataResealed, Ct));
            for (var waited = 0; await Resealed() == 0 && waited < 300; waited++) await Task.Delay(100, Ct);
            var raw = await second.WithDbAsync(RawTextAsync);
            Assert.DoesNotContain(raw, r => r.Value.Contains("sm4:1:"));
            Assert.Contains(raw, r => r.Value.StartsWith("sm4:2:"));
            Assert.DoesNotContain(raw, r => r.Value.Contains("0772-2809999"));
            Assert.Equal(new PersonalDataReencryption.Result(0, 0),
                await second.WithScopeAsync(sp => sp.GetRequiredService<PersonalDataReencryption>().RunAsync(Ct)));
            Assert.Equal(1, await Resealed());
        }

        // Key 1 removed from configuration: everything still reads, and the once-plain phone is found by its number.
        var onlyTwo = new Dictionary<string, string?>
        {
            ["GovCloud:PersonalData:Keys:1"] = null,
            ["GovCloud:PersonalData:Keys:2"] = "ZmVkY2JhOTg3NjU0MzIxMA==",
            ["GovCloud:PersonalData:CurrentKey"] = "2",
        };
        await using var third = new GovCloudApp(provider, connection, demo: false, settings: onlyTwo);
        var admin = await third.SignInAsync("admin");
        var (_, signIn) = await third.SignInWithFormAsync("edu"); // the stored key ring opens without key 1
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(Mobile, (await (await admin.GetAsync($"/api/v1/users/{id}", Ct)).ReadAsync<UserDto>()).PhoneNumber);
        var found = await (await admin.GetAsync("/api/v1/organisations?q=" + Uri.EscapeDataString("0772 2809999"), Ct)).ReadAsync<Paged<OrganisationDto>>();
        Assert.Equal(["市教育局"], found.Items.Select(o => o.Name));
    }

    [Fact]
    public void R_27_1_a_data_protection_key_stored_plain_before_sealing_is_sealed_and_opens_again()
    {
        var protector = PersonalDataProtector.Of(new PersonalDataOptions
        {
            Keys = new() { ["1"] = GovCloudApp.PersonalDataKey1 }, CurrentKey = "1", IndexKey = GovCloudApp.PersonalDataIndexKey,
        });
        const string plain = """
            <key id="3f2c1d9e-1111-4222-8333-944455556666" version="1"><creationDate>2026-01-01T00:00:00Z</creationDate>
            <descriptor deserializerType="X"><descriptor><encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" />
            <masterKey p4:requiresEncryption="true" xmlns:p4="http://schemas.asp.net/2015/03/dataProtection"><value>c2VjcmV0LW1hc3Rlci1rZXk=</value></masterKey>
            </descriptor></descriptor></key>
            """;
        var sealedXml = DataProtectionKeyXml.Reseal(plain, protector)!;
        Assert.DoesNotContain("c2VjcmV0LW1hc3Rlci1rZXk=", sealedXml);
        Assert.Matches("<sealedSecret[^>]*>sm4:1:", sealedXml);
        Assert.Null(DataProtectionKeyXml.Reseal(sealedXml, protector)); // nothing left to seal

        var services = new ServiceCollection().AddSingleton(protector).BuildServiceProvider();
        var secret = System.Xml.Linq.XElement.Parse(sealedXml).Descendants("sealedSecret").Single();
        var opened = new Sm4XmlDecryptor(services).Decrypt(secret);
        Assert.Equal("c2VjcmV0LW1hc3Rlci1rZXk=", opened.Element("value")!.Value);
    }

    [Fact]
    public void R_27_1_a_sealed_value_differs_each_time_reads_back_and_a_changed_byte_or_a_missing_key_stops_the_read()
    {
        var keys = new PersonalDataOptions
        {
            Keys = new() { ["1"] = GovCloudApp.PersonalDataKey1 }, CurrentKey = "1", IndexKey = GovCloudApp.PersonalDataIndexKey,
        };
        var protector = PersonalDataProtector.Of(keys);
        var a = protector.Protect(Mobile)!;
        var b = protector.Protect(Mobile)!;
        Assert.NotEqual(a, b);
        Assert.Equal(Mobile, protector.Unprotect(a));
        Assert.True(a.Length <= PersonalDataProtector.StoredLength(Mobile.Length));
        Assert.Equal(protector.Index("139 1234 5678"), protector.Index(Mobile));
        Assert.Equal(64, protector.Index(Mobile)!.Length);

        var bytes = Convert.FromBase64String(a["sm4:1:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<Exception>(() => protector.Unprotect("sm4:1:" + Convert.ToBase64String(bytes)));
        var other = PersonalDataProtector.Of(new PersonalDataOptions
        {
            Keys = new() { ["2"] = "ZmVkY2JhOTg3NjU0MzIxMA==" }, CurrentKey = "2", IndexKey = GovCloudApp.PersonalDataIndexKey,
        });
        Assert.Contains("密钥“1”", Assert.Throws<InvalidOperationException>(() => other.Unprotect(a)).Message);
        Assert.Contains("16 字节", Assert.Throws<InvalidOperationException>(() => PersonalDataProtector.Of(new PersonalDataOptions
        {
            Keys = new() { ["1"] = "c2hvcnQ=" }, CurrentKey = "1", IndexKey = GovCloudApp.PersonalDataIndexKey,
        })).Message);
    }
}
