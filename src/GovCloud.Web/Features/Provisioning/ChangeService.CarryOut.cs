using System.Linq.Expressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>Carrying out what the Bureau approved: the change on the inventory, or the reclaim with the data's handover or wipe.</summary>
public sealed partial class ChangeService
{
    /// <summary>The Center has changed the VMs on the platform: resizes as done (never beyond approval), new VMs as built.</summary>
    public async Task<ChangeDto> CompleteChangeAsync(Actor actor, Guid id, ChangeCompletionInput input, CancellationToken ct)
    {
        var c = await LoadAsync(actor, id, ChangeAction.Complete, input.Version, ct);
        if (c.Kind != ChangeKind.Change) throw new ProblemException(409, "当前状态不能办理", "终止申请请记录数据移交/清除后回收资源");
        var added = c.Lines.Where(l => l.Action == ChangeLineAction.Add).ToList();
        var built = input.Added ?? [];
        var v = new Validation();
        var approved = added.Select(l => new ApprovedVm(l.No, l.ToVcpu!.Value, l.ToMemoryGb!.Value, l.ToSystemDiskGb!.Value, l.ToDataDiskGb!.Value,
            (l.OwnerNames ?? "").Split('、', StringSplitOptions.RemoveEmptyEntries).Length)).ToList();
        if (added.Count > 0 || built.Count > 0)
            foreach (var p in DeliveryRules.Validate(built, approved, "added", no => $"变更第 {no} 项新增虚拟机")) v.Add(p.Field, p.Message);
        var resized = new Dictionary<int, VmSize>();
        foreach (var line in c.Lines.Where(l => l.Action == ChangeLineAction.Resize))
        {
            var done = input.Resized?.FirstOrDefault(r => r.No == line.No);
            var to = line.To!;
            var actual = new VmSize(done?.Vcpu ?? to.Vcpu, done?.MemoryGb ?? to.MemoryGb, done?.SystemDiskGb ?? to.SystemDiskGb, done?.DataDiskGb ?? to.DataDiskGb);
            if (actual.Vcpu > to.Vcpu || actual.MemoryGb > to.MemoryGb || actual.SystemDiskGb > to.SystemDiskGb || actual.DataDiskGb > to.DataDiskGb)
                v.Add($"resized[{line.No}]", $"第 {line.No} 项：{line.HostName} 实际配置超过批准的配置");
            else if (actual.Vcpu < 1 || actual.MemoryGb < 1 || actual.SystemDiskGb < line.FromSystemDiskGb || actual.DataDiskGb < line.FromDataDiskGb)
                v.Add($"resized[{line.No}]", $"第 {line.No} 项：{line.HostName} 实际配置须为正数，磁盘不能小于变更前");
            resized[line.No] = actual;
        }
        await inventory.AddInUseAsync(built, "added", v, ct); // reported with the rest, not in a later round
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // In the writers' turn, as a delivery: an address is never taken twice at the same moment.
        await db.TakeWriteTurnAsync(ct);
        await inventory.CheckNotInUseAsync(built, "added", ct);
        var vms = await db.CloudVms.Where(x => x.SystemId == c.SystemId && x.State == VmState.Changing).ToListAsync(ct);
        var applicationId = added.Count > 0 ? await ApplicationOfAsync(c.SystemId, ct) : Guid.Empty;
        foreach (var line in c.Lines)
        {
            var vm = vms.FirstOrDefault(x => x.Id == line.VmId);
            switch (line.Action)
            {
                case ChangeLineAction.Resize when vm is not null:
                    var before = $"{vm.Vcpu} 核 / {vm.MemoryGb} GB / {vm.SystemDiskGb} + {vm.DataDiskGb} GB";
                    var size = resized[line.No];
                    (vm.Vcpu, vm.MemoryGb, vm.SystemDiskGb, vm.DataDiskGb) = (size.Vcpu, size.MemoryGb, size.SystemDiskGb, size.DataDiskGb);
                    vm.State = VmState.Active;
                    vm.Version++;
                    inventory.Record(actor, vm, VmEventKind.Resized, $"变更 {c.Number}：{before} → {vm.Vcpu} 核 / {vm.MemoryGb} GB / {vm.SystemDiskGb} + {vm.DataDiskGb} GB");
                    break;
                case ChangeLineAction.Remove when vm is not null:
                    inventory.Reclaim(actor, vm, $"变更 {c.Number} 删除，资源回收；堡垒机账号 {vm.BastionAccounts} 已关闭");
                    break;
                case ChangeLineAction.AddService:
                    db.CloudServices.Add(new CloudService
                    {
                        OrganisationId = c.OrganisationId, SystemId = c.SystemId, ItemCode = line.ItemCode!, Quantity = line.Quantity!.Value, State = VmState.Active,
                        ActiveFrom = Today, Source = c.Number,
                    });
                    break;
                case ChangeLineAction.RemoveService:
                    await EndServicesAsync(c.SystemId, line.ItemCode, ct);
                    break;
                case ChangeLineAction.Add:
                    var recorded = built.Single(b => b.No == line.No);
                    var made = await provider.BuildAsync(new VmOrder(line.Zone, approved.Single(a => a.No == line.No), recorded), ct);
                    var added1 = new CloudVm
                    {
                        OrganisationId = c.OrganisationId, SystemId = c.SystemId, ApplicationId = applicationId, RowNo = 0, Zone = line.Zone,
                        ServerType = line.ServerType ?? ServerType.OTH, HostName = made.HostName, Ips = string.Join(", ", made.Ips), PublicIps = DeliveryRules.PublicCount(made.Ips), Vcpu = made.Vcpu,
                        MemoryGb = made.MemoryGb, SystemDiskGb = made.SystemDiskGb, DataDiskGb = made.DataDiskGb, OperatingSystem = made.OperatingSystem,
                        OwnerNames = line.OwnerNames ?? "", OwnerEmails = line.OwnerEmails ?? "", OwnerMobiles = line.OwnerMobiles ?? "",
                        BastionAccounts = string.Join("、", made.BastionAccounts), State = VmState.Active, Provider = provider.Name, ExternalId = made.ExternalId,
                        DeliveredOn = Today, ActiveFrom = Today,
                    };
                    db.CloudVms.Add(added1);
                    line.VmId = added1.Id;
                    line.HostName = added1.HostName;
                    inventory.Record(actor, added1, VmEventKind.Activated, $"变更 {c.Number} 新增并正式开通：{added1.HostName}（{added1.Ips}），{added1.Vcpu} 核 / {added1.MemoryGb} GB");
                    break;
            }
        }
        if (c.Elastic is { } elastic)
        {
            // from now on the platform may scale this system's VMs within the range without approval.
            (c.System!.ElasticMinVcpu, c.System.ElasticMaxVcpu, c.System.ElasticMinMemoryGb, c.System.ElasticMaxMemoryGb) =
                (elastic.MinVcpu, elastic.MaxVcpu, elastic.MinMemoryGb, elastic.MaxMemoryGb);
            c.System.Version++;
        }
        await FinishAsync(actor, c, new { resized, added = built.Select(b => b.HostName), elastic = c.Elastic?.ToString() }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The Center has reclaimed the resources and dealt with the data: the VMs leave the inventory and the system goes offline.</summary>
    public async Task<ChangeDto> CompleteTerminationAsync(Actor actor, Guid id, DisposalInput input, string? fileName, Stream? content, long size, CancellationToken ct)
    {
        var c = await LoadAsync(actor, id, ChangeAction.Complete, input.Version, ct);
        if (c.Kind != ChangeKind.Termination) throw new ProblemException(409, "当前状态不能办理", "变更申请请按变更内容实施");
        var v = new Validation();
        var record = input.Record;
        // Art. 26: handed over and wiped, in the order the system's MLPS level asks.
        foreach (var p in ChangeRules.ValidateDisposal(record, content is not null, Today, c.System!.MlpsLevel, options.Value.DataCenters.HandoverFromMlpsLevel))
            v.Add(p.Field, p.Message);
        v.Date(record.HandedOverOn, "disposal.handedOverOn", "移交日期", options.Value.Dates.Around(Today))
            .Date(record.WipedOn, "disposal.wipedOn", "清除日期", options.Value.Dates.Around(Today));
        v.ThrowIfInvalid();

        await files.KeepAsync("changes", fileName, content, size, async (stored, name) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Added explicitly: its key is set, so EF would take it for an existing row found through the collection.
            var certificate = Attachment(actor, c.Id, ChangeAttachmentKind.DisposalCertificate, name, stored);
            db.ChangeAttachments.Add(certificate);
            c.Attachments.Add(certificate);
            c.DisposalMethod = DataDisposal.HandoverThenWipe;
            (c.DisposalHandedOverTo, c.DisposalHandoverContent, c.DisposalHandedOverOn) = (Texts.Line(record.HandedOverTo), Texts.OrNull(record.HandoverContent), record.HandedOverOn);
            (c.DisposalWipeMethod, c.DisposalDate, c.DisposalPeople) = (Texts.Line(record.WipeMethod), record.WipedOn, Texts.Line(record.People)!);
            foreach (var vm in await db.CloudVms.Where(x => x.SystemId == c.SystemId && x.State == VmState.Reclaiming).ToListAsync(ct))
                inventory.Reclaim(actor, vm, $"终止 {c.Number}：资源回收，堡垒机账号 {vm.BastionAccounts} 已关闭；{record.Summary}（{c.DisposalPeople}）");
            await EndServicesAsync(c.SystemId, null, ct);
            c.System!.Lifecycle = SystemLifecycle.Offline;
            c.System.Version++;
            await FinishAsync(actor, c, new
            {
                c.DisposalHandedOverTo, c.DisposalHandoverContent, c.DisposalHandedOverOn, c.DisposalWipeMethod, wipedOn = c.DisposalDate, c.DisposalPeople,
                certificate = stored.Sha256,
            }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return certificate;
        }, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Gives up a system's services in use: one item, or all of them (termination).</summary>
    private async Task EndServicesAsync(Guid systemId, string? itemCode, CancellationToken ct)
    {
        foreach (var s in await db.CloudServices.Where(s => s.SystemId == systemId && s.State == VmState.Active && (itemCode == null || s.ItemCode == itemCode)).ToListAsync(ct))
        {
            s.State = VmState.Reclaimed;
            s.ReclaimedOn = Today;
            s.Version++;
        }
    }

    /// <summary>A VM added by a change belongs to the system's latest approved application (the inventory keeps the link for its history).</summary>
    private async Task<Guid> ApplicationOfAsync(Guid systemId, CancellationToken ct) =>
        await db.CloudVms.Where(v => v.SystemId == systemId).OrderByDescending(v => v.DeliveredOn).Select(v => v.ApplicationId).FirstAsync(ct);
}
