using GovCloud.Domain.Organisations;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Operations;

// The bulletin as the official document (GB/T 9704 PDF with two charts) and as the workbook with every row; an agency's copy of
// either holds its own part and the city totals.
public sealed partial class OperationsBulletinService
{
    /// <summary>The PDF of the month for this reader (a draft says so in its number).</summary>
    public async Task<(byte[] Pdf, string FileName)> PdfAsync(Actor actor, string month, CancellationToken ct)
    {
        var b = await GetAsync(actor, month, ct);
        var (document, agency) = await DocumentAsync(actor, b, ct);
        return (OfficialPdf.Render(document), FileName(b, agency) + ".pdf");
    }

    public async Task<(byte[] Xlsx, string FileName)> ExcelAsync(Actor actor, string month, CancellationToken ct)
    {
        var b = await GetAsync(actor, month, ct);
        var f = b.Facts;
        var agency = b.Own ? await AgencyNameAsync(actor, ct) : null;
        var idle = f.IdleByAgency.Append(f.IdleTotal);
        var resources = f.ResourcesByAgency.Append(f.ResourcesTotal);
        var onTime = f.OnTime.Concat(f.OnTimeTotal);
        var usage = f.UsageByAgency.Concat(f.UsageTotal is { } t ? [t] : []);
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["可用率（网络分区）"] = ExcelExport.Sheet(f.Zones, ZoneColumns(f.AvailabilityTargetPercent)),
            ["有中断的信息系统"] = ExcelExport.Sheet(f.SystemsWithDowntime, SystemColumns),
            ["运行故障"] = ExcelExport.Sheet(f.Incidents, IncidentColumns),
            ["资源使用（网络分区）"] = ExcelExport.Sheet(f.UsageByZone, UsageColumns("网络分区")),
            ["资源使用（单位）"] = ExcelExport.Sheet(usage, UsageColumns("单位")),
            ["逐日使用率"] = ExcelExport.Sheet(f.UsageTrend, TrendColumns),
            ["闲置资源"] = ExcelExport.Sheet(idle, IdleColumns),
            ["办理时限"] = ExcelExport.Sheet(onTime, OnTimeColumns),
            ["资源变化"] = ExcelExport.Sheet(resources, ResourceColumns),
        };
        return (await ExcelExport.ToXlsxAsync(sheets, ct), FileName(b, agency) + ".xlsx");
    }

    private static string FileName(OperationsBulletinDto b, string? agency) =>
        $"{b.Title}{(agency is null ? "" : "-" + agency)}{(b.State == Domain.Operations.OperationsBulletinState.Draft ? "-草稿" : "")}";

    private async Task<string?> AgencyNameAsync(Actor actor, CancellationToken ct) =>
        actor.OrganisationId is { } id ? await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct) : null;

    private async Task<(OfficialDocument Document, string? Agency)> DocumentAsync(Actor actor, OperationsBulletinDto b, CancellationToken ct)
    {
        var f = b.Facts;
        var agency = b.Own ? await AgencyNameAsync(actor, ct) : null;
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct);
        var issuer = orgs.FirstOrDefault(o => o.Type == OrganisationType.Center)?.Name ?? "信息化中心";
        var bureau = orgs.Where(o => o.Type == OrganisationType.Bureau).Select(o => o.Name).FirstOrDefault();
        var finance = orgs.Where(o => o.Type == OrganisationType.Finance).Select(o => o.Name).FirstOrDefault();
        var addressee = "各使用单位" + (bureau is null && finance is null ? "" : "，" + string.Join("、", new[] { bureau, finance }.OfType<string>())) + "：";
        string Month(DateOnly d) => $"{d.Year}年{d.Month}月";
        // 11月5日10:00: no space for a line to break at.
        static string When(DateTimeOffset t) => t.ToChina().ToString("M月d日HH:mm");
        string Pct(double? v) => v is { } x ? $"{x:0.##}%" : "无数据";
        var p = new List<string>();
        var figures = new List<OfficialFigure>();

        if (agency is not null) p.Add($"本件为发给{agency}的部分：列出本单位的情况和全市合计数。");
        p.Add($"现将{Month(f.From)}政务云运行情况通报如下：");
        p.Add("一、总体情况");
        if (b.Summary is { } summary) p.AddRange(summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        else p.Add("（待信息化中心审核后填写。）");

        p.Add("二、可用率");
        var below = f.Zones.Where(z => z.BelowTarget).ToList();
        p.Add($"服务水平目标为可用率不低于{f.AvailabilityTargetPercent:0.###}%。本月各网络分区可用率：" +
              string.Join("；", f.Zones.Select(z => $"{z.Zone}{z.Percent:0.###}%" + (z.DowntimeMinutes > 0 ? $"（中断{z.DowntimeMinutes}分钟）" : ""))) +
              (below.Count == 0 ? "，均达到目标。" : $"。其中{string.Join("、", below.Select(z => z.Zone))}低于目标。"));
        var systemsShown = f.SystemsWithDowntime.OrderBy(s => s.Percent).Take(20).ToList();
        if (f.SystemsWithDowntime.Count == 0)
            p.Add(agency is null ? "本月所有信息系统未受服务中断影响。" : "本月本单位信息系统未受服务中断影响。");
        else
        {
            p.Add((agency is null ? $"本月受服务中断影响的信息系统{f.SystemsWithDowntime.Count}个" : $"本月本单位受服务中断影响的信息系统{f.SystemsWithDowntime.Count}个") +
                  (f.SystemsWithDowntime.Count > systemsShown.Count ? $"，可用率最低的{systemsShown.Count}个如下（其余见 Excel 版）：" : "："));
            p.AddRange(systemsShown.Select((s, i) => $"（{RectificationRules.ChineseOrdinal(i + 1)}）{s.Agency}{s.System}：可用率{s.Percent:0.###}%，中断{s.DowntimeMinutes}分钟{(s.BelowTarget ? "，低于目标" : "")}。"));
        }

        p.Add("三、运行故障");
        if (f.Incidents.Count == 0) p.Add(agency is null ? "本月未发生运行故障。" : "本月未发生涉及本单位的运行故障。");
        else
        {
            p.Add($"本月{(agency is null ? "" : "涉及本单位的")}运行故障{f.Incidents.Count}起：");
            p.AddRange(f.Incidents.Select((i, n) =>
                $"（{RectificationRules.ChineseOrdinal(n + 1)}）{i.Number}《{i.Title}》：{i.KindName}，{When(i.StartedAt)}起" +
                (i.EndedAt is { } end ? $"至{When(end)}，本月内{i.Minutes}分钟" : "，尚未恢复") +
                (i.Zones is null ? "" : $"，影响网络分区{i.Zones}") + (i.Systems is null ? "" : $"，影响信息系统{i.Systems}") +
                (i.Cause is null ? "" : $"，原因：{Texts.Fit(i.Cause.ReplaceLineEndings(" "), 120)}") + "。"));
        }

        p.Add("四、资源使用情况");
        if (f.UsageTotal is { } total)
            p.Add($"全市有监测数据的虚拟机{total.Vms}台，日均分配vCPU {total.Vcpu:0.#}核、内存{total.MemoryGb:0.#}GB；CPU平均使用率{Pct(total.CpuUse)}（P95 {Pct(total.CpuP95)}），" +
                  $"内存平均使用率{Pct(total.MemoryUse)}，磁盘平均使用率{Pct(total.DiskUse)}。");
        else p.Add("本月没有收到监测数据。");
        foreach (var own in agency is null ? [] : f.UsageByAgency)
            p.Add($"本单位{own.Name}：虚拟机{own.Vms}台，日均vCPU {own.Vcpu:0.#}核、内存{own.MemoryGb:0.#}GB，CPU平均使用率{Pct(own.CpuUse)}（P95 {Pct(own.CpuP95)}），内存平均使用率{Pct(own.MemoryUse)}。");
        if (f.UsageTrend.Count > 0 && CjkFont.Available)
            figures.Add(new OfficialFigure(p.Count - 1, $"图1  {Month(f.From)}全市逐日资源使用率", Charts.Lines($"{Month(f.From)}全市逐日使用率", "使用率（%）",
                f.UsageTrend.Select(t => t.Day).ToList(),
                [("CPU", f.UsageTrend.Select(t => t.CpuUse).ToList()), ("内存", f.UsageTrend.Select(t => t.MemoryUse).ToList())])));
        if (f.UsageByZone.Count > 0)
        {
            p.Add("各网络分区：" + string.Join("；", f.UsageByZone.Select(z => $"{z.Name}虚拟机{z.Vms}台，CPU平均使用率{Pct(z.CpuUse)}，内存平均使用率{Pct(z.MemoryUse)}")) + "。");
            if (CjkFont.Available)
                figures.Add(new OfficialFigure(p.Count - 1, $"图2  {Month(f.From)}各网络分区资源使用率", Charts.Bars("各网络分区平均使用率", "使用率（%）",
                    f.UsageByZone.Select(z => z.Name).ToList(),
                    [("CPU", f.UsageByZone.Select(z => z.CpuUse ?? 0).ToList()), ("内存", f.UsageByZone.Select(z => z.MemoryUse ?? 0).ToList())])));
        }

        p.Add("五、闲置和配置过大的资源");
        var it = f.IdleTotal;
        p.Add($"按连续监测数据认定，全市闲置虚拟机{it.IdleVms}台、配置过大{it.OversizedVms}台，可释放vCPU {it.Vcpu}核、内存{it.MemoryGb}GB、存储{it.StorageGb}GB，" +
              $"按服务目录单价每月费用{it.MonthlyFee:#,0.00}元。");
        if (agency is not null)
            p.Add(f.IdleByAgency.Count == 0 ? "本单位没有闲置或配置过大的虚拟机。"
                : string.Join("", f.IdleByAgency.Select(i => $"本单位{i.Agency}闲置虚拟机{i.IdleVms}台、配置过大{i.OversizedVms}台，可释放vCPU {i.Vcpu}核、内存{i.MemoryGb}GB，每月费用{i.MonthlyFee:#,0.00}元。")) +
                  "请在“资源使用率”页面查看信息化中心的调整建议并确认。");
        else if (f.IdleByAgency.Count > 0)
        {
            var top = f.IdleByAgency.Take(10).ToList();
            p.Add($"费用较多的{top.Count}个单位如下{(f.IdleByAgency.Count > top.Count ? "（全部单位见 Excel 版）" : "")}：");
            p.AddRange(top.Select((i, n) => $"（{RectificationRules.ChineseOrdinal(n + 1)}）{i.Agency}：闲置{i.IdleVms}台、配置过大{i.OversizedVms}台，每月{i.MonthlyFee:#,0.00}元。"));
        }

        p.Add("六、办理时限");
        var cityRates = f.OnTimeTotal;
        p.Add(cityRates.Count == 0 ? "本月没有到期的办理环节。"
            : "本月到期办理环节的全市按时办结率：" + string.Join("；", cityRates.Select(o => $"{o.StepName}{o.Percent:0.#}%（{o.Met}/{o.Total}）")) + "。");
        if (agency is not null && f.OnTime.Count > 0)
            p.Add("本单位：" + string.Join("；", f.OnTime.Select(o => $"{o.StepName}{o.Percent:0.#}%（{o.Met}/{o.Total}）")) + "。");

        p.Add("七、资源变化");
        var r = f.ResourcesTotal;
        p.Add($"全市本月新开通虚拟机{r.NewVms}台（vCPU {r.NewVcpu}核、内存{r.NewMemoryGb}GB），完成资源变更{r.Changes}项，回收虚拟机{r.ReclaimedVms}台（vCPU {r.ReclaimedVcpu}核、内存{r.ReclaimedMemoryGb}GB）。");
        foreach (var own in agency is null ? [] : f.ResourcesByAgency)
            p.Add($"本单位{own.Agency}：新开通{own.NewVms}台，完成变更{own.Changes}项，回收{own.ReclaimedVms}台。");
        p.Add("请各单位对照本通报，及时确认闲置和配置过大资源的调整建议，落实运行日志留存和应急预案、应急演练要求。");

        var number = b.Number ?? "（草稿，未编号）";
        var date = b.PublishedOn ?? ChinaTime.Today(clock);
        return (new OfficialDocument(issuer, number, b.Title, addressee, p, date, null, issuer, figures), agency);
    }

    private static ExcelColumn<BulletinZoneAvailability>[] ZoneColumns(double target) =>
    [
        new("网络分区", z => z.Zone), new("中断时长（分钟）", z => z.DowntimeMinutes), new("服务中断（起）", z => z.Outages),
        new("可用率（%）", z => z.Percent), new($"低于目标 {target:0.###}%", z => z.BelowTarget ? "是" : "否"),
    ];

    private static readonly ExcelColumn<BulletinSystemAvailability>[] SystemColumns =
    [
        new("使用单位", s => s.Agency), new("信息系统", s => s.System), new("中断时长（分钟）", s => s.DowntimeMinutes), new("可用率（%）", s => s.Percent),
        new("低于目标", s => s.BelowTarget ? "是" : "否"),
    ];

    private static readonly ExcelColumn<BulletinIncident>[] IncidentColumns =
    [
        new("编号", i => i.Number), new("故障名称", i => i.Title), new("类型", i => i.KindName), new("开始时间", i => ChinaTime.Format(i.StartedAt)),
        new("恢复时间", i => ChinaTime.Format(i.EndedAt)), new("本月时长（分钟）", i => i.Minutes), new("影响网络分区", i => i.Zones),
        new("影响信息系统", i => i.Systems), new("原因", i => i.Cause),
    ];

    private static ExcelColumn<BulletinUsage>[] UsageColumns(string level) =>
    [
        new(level, u => u.Name), new("虚拟机台数", u => u.Vms), new("日均vCPU（核）", u => u.Vcpu), new("日均内存（GB）", u => u.MemoryGb),
        new("CPU使用率（%）", u => u.CpuUse), new("CPU使用率P95（%）", u => u.CpuP95), new("内存使用率（%）", u => u.MemoryUse),
        new("内存使用率P95（%）", u => u.MemoryP95), new("磁盘使用率（%）", u => u.DiskUse),
    ];

    private static readonly ExcelColumn<BulletinUsageDay>[] TrendColumns =
        [new("日期", t => t.Day.ToString("yyyy-MM-dd")), new("CPU使用率（%）", t => t.CpuUse), new("内存使用率（%）", t => t.MemoryUse)];

    private static readonly ExcelColumn<BulletinIdle>[] IdleColumns =
    [
        new("使用单位", i => i.Agency), new("闲置虚拟机（台）", i => i.IdleVms), new("配置过大（台）", i => i.OversizedVms), new("可释放vCPU（核）", i => i.Vcpu),
        new("可释放内存（GB）", i => i.MemoryGb), new("可释放存储（GB）", i => i.StorageGb), new("月费用（元）", i => i.MonthlyFee),
    ];

    private static readonly ExcelColumn<BulletinOnTime>[] OnTimeColumns =
    [
        new("承办单位", o => o.Agency), new("环节", o => o.StepName), new("按时办结", o => o.Met), new("到期总数", o => o.Total),
        new("按时率（%）", o => o.Percent),
    ];

    private static readonly ExcelColumn<BulletinResources>[] ResourceColumns =
    [
        new("使用单位", r => r.Agency), new("新开通虚拟机（台）", r => r.NewVms), new("新开通vCPU（核）", r => r.NewVcpu), new("新开通内存（GB）", r => r.NewMemoryGb),
        new("完成变更（项）", r => r.Changes), new("回收虚拟机（台）", r => r.ReclaimedVms), new("回收vCPU（核）", r => r.ReclaimedVcpu),
        new("回收内存（GB）", r => r.ReclaimedMemoryGb),
    ];
}
