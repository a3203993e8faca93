using System.Text.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Web.Features.Audit;

/// <summary>
/// The audit log as a person reads it: the object's type in Chinese and a one-line summary of what changed
/// ("状态：待评估 → 待审批；意见：同意"). The raw JSON stays stored and shown beside it for the auditor.
/// </summary>
public static class AuditSummary
{
    /// <summary>The object types the log records, each with a name of its own (the filter offers them one by one).</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityTypes = new Dictionary<string, string>
    {
        ["ResourceApplication"] = "云资源申请",
        ["ChangeRequest"] = "变更/终止申请",
        ["Certification"] = "数据中心认定申请",
        ["MigrationPlan"] = "迁移计划",
        ["DataCenter"] = "数据中心",
        ["DataCenterViolation"] = "数据中心违规事项",
        ["InfoSystem"] = "信息系统",
        ["RectificationNotice"] = "整改通知书",
        ["Inspection"] = "安全检查",
        ["CloudVm"] = "虚拟机",
        ["Inventory"] = "资源台账",
        ["NetworkZone"] = "网络分区",
        ["CatalogItem"] = "服务目录项",
        ["DeadlineClock"] = "办理时限",
        ["User"] = "用户",
        ["Organisation"] = "单位",
        ["AdminRequest"] = "三员审批申请",
        ["ApiToken"] = "接口令牌",
        ["Calendar"] = "节假日安排",
        ["CalendarDay"] = "工作日历单日",
        ["MigrationRateSnapshot"] = "迁移上云率",
        ["AuditLog"] = "审计日志",
        ["System"] = "平台",
        ["PersonalData"] = "个人信息",
    };

    public static string EntityTypeName(string entityType) => EntityTypes.GetValueOrDefault(entityType, entityType);

    // The names of the fields the log records most, as the forms call them. A field not named here shows as recorded.
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["state"] = "状态", ["reason"] = "理由", ["opinion"] = "意见", ["note"] = "说明", ["number"] = "编号", ["name"] = "名称", ["kind"] = "类型",
        ["days"] = "天数", ["dueOn"] = "截止日", ["due"] = "截止日", ["endsOn"] = "结束日", ["result"] = "结果", ["resumed"] = "恢复计时",
        ["applicant"] = "申请单位", ["to"] = "提交至", ["from"] = "自", ["rows"] = "行数", ["vms"] = "虚拟机", ["services"] = "服务", ["items"] = "事项",
        ["source"] = "来源", ["fileName"] = "文件名", ["userName"] = "用户名", ["targetUserName"] = "对象用户", ["summary"] = "摘要", ["hostName"] = "主机名",
        ["ips"] = "IP 地址", ["vcpu"] = "vCPU（核）", ["memoryGb"] = "内存（GB）", ["zone"] = "网络分区", ["zones"] = "网络分区", ["system"] = "信息系统",
        ["centre"] = "数据中心", ["organisationId"] = "单位", ["decision"] = "决定", ["migrateBy"] = "迁移期限", ["applyBy"] = "申请认定期限",
        ["liveOn"] = "正式开通日", ["period"] = "时限", ["step"] = "环节", ["shortfalls"] = "不足", ["unitPrice"] = "单价", ["unit"] = "单位",
        ["quantity"] = "数量", ["itemCode"] = "服务编码", ["description"] = "说明", ["specification"] = "规格", ["effectiveFrom"] = "生效日期",
        ["isWorkingDay"] = "工作日", ["holiday"] = "节假日", ["years"] = "年份", ["month"] = "月份", ["sensitive"] = "承载敏感数据", ["disposition"] = "处置方式",
        ["targetDate"] = "计划完成日期", ["existingRacks"] = "现有机架", ["usableRacks"] = "可用机柜", ["evidence"] = "佐证材料", ["criterion"] = "认定条件",
        ["survey"] = "勘查日期", ["review"] = "专家评审", ["network"] = "网络需求", ["approved"] = "批准的行", ["elastic"] = "弹性伸缩", ["lines"] = "变更内容",
        ["bandwidth"] = "带宽（Mbps）", ["equipment"] = "移交设备", ["officeRoomRemains"] = "保留办公网络机房", ["created"] = "新增", ["updated"] = "更新",
        ["unchanged"] = "未变", ["session"] = "会话", ["reset"] = "重置", ["expiresAt"] = "到期时间", ["component"] = "组件", ["active"] = "启用",
        ["isActive"] = "启用", ["roles"] = "角色", ["displayName"] = "姓名", ["email"] = "邮箱", ["phoneNumber"] = "手机号码", ["location"] = "部署位置",
        ["mlpsLevel"] = "等保级别", ["lifecycle"] = "状态", ["vendor"] = "开发商", ["users"] = "用户数", ["organisations"] = "单位数", ["caseType"] = "事项类型",
        ["caseId"] = "事项", ["completedAt"] = "办结时间", ["actor"] = "操作人", ["action"] = "操作", ["entityType"] = "对象类型",
        ["size"] = "大小（字节）", ["org"] = "单位", ["version"] = "版本", ["record"] = "记录", ["fields"] = "字段", ["via"] = "途径",
        ["sealed"] = "重新加密（个）", ["indexed"] = "写入检索值（个）", ["key"] = "密钥编号",
        ["adjustedVcpu"] = "调整后 vCPU（核）", ["adjustedMemoryGb"] = "调整后内存（GB）", ["adjustedBandwidthMbps"] = "调整后带宽（Mbps）",
        ["adjustedPublicIps"] = "调整后公网 IP（个）", ["areaM2"] = "面积（平方米）", ["bandwidthMbps"] = "带宽（Mbps）", ["certificate"] = "证明文件",
        ["decisionReason"] = "认定理由", ["drift"] = "不一致", ["failed"] = "未达标", ["file"] = "文件", ["followUp"] = "跟进情况", ["handedOverOn"] = "移交日期",
        ["handedOverTo"] = "移交给", ["handoverContent"] = "移交内容", ["how"] = "确认方式", ["matched"] = "一致", ["migrationDueOn"] = "迁移期限",
        ["missing"] = "缺少", ["no"] = "序号", ["people"] = "人员", ["platform"] = "云平台", ["publicIps"] = "公网 IP（个）", ["resolved"] = "已整改",
        ["retentionEndsOn"] = "保留期至", ["side"] = "确认方", ["storageGb"] = "存储（GB）", ["toMemoryGb"] = "调整为内存（GB）", ["toVcpu"] = "调整为 vCPU（核）",
        ["transitionEndsOn"] = "过渡期至", ["unregistered"] = "未登记", ["wipeMethod"] = "清除方式", ["wipedOn"] = "清除日期", ["subsystems"] = "子系统",
        ["inServiceSince"] = "投入使用日期", ["roomClass"] = "机房等级", ["fullTimeStaff"] = "专职运维人员", ["holdsSensitiveData"] = "承载敏感数据",
        ["evaluationOpinion"] = "评估意见", ["resized"] = "调整配置", ["added"] = "新增虚拟机", ["removed"] = "删除虚拟机", ["stepName"] = "环节",
        ["extranetConnected"] = "接入电子政务外网", ["usesExtranetInternetExit"] = "使用外网互联网出口", ["supportsIpv6"] = "支持 IPv6",
        ["service7x24"] = "7×24 小时服务", ["address"] = "地址", ["leaseEnd"] = "租期至", ["offCloudReason"] = "不上云理由", ["remarks"] = "备注",
        ["level"] = "安全保护等级", ["gradedOn"] = "定级日期", ["filingNumber"] = "备案编号", ["filedOn"] = "备案日期",
        ["personalInformation"] = "含个人信息", ["commercialSecrets"] = "含商业秘密", ["importantData"] = "含重要数据", ["dataStorage"] = "数据存储位置",
        ["dataStaysInCountry"] = "确认敏感数据不出境", ["responsiblePerson"] = "安全责任人", ["assessedOn"] = "测评日期", ["assessor"] = "测评机构",
        ["score"] = "测评得分", ["problems"] = "遗留问题", ["exceptionReason"] = "备案例外理由",
        ["title"] = "标题", ["recipient"] = "受文单位", ["issuer"] = "下发单位", ["legalBasis"] = "整改依据", ["answer"] = "整改情况",
        ["verdict"] = "核验结论", ["item"] = "事项", ["contactName"] = "联系人", ["contactPhone"] = "联系电话", ["round"] = "轮次", ["risk"] = "风险等级",
        ["targets"] = "检查对象", ["target"] = "检查对象", ["participants"] = "参加单位", ["startsOn"] = "开始日期", ["endsOn"] = "结束日期", ["findings"] = "检查发现",
    };

    // Values a user reads as words: who confirmed and how, a trial's result, a system's kind, place and state.
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["side:Center"] = "信息化建设管理中心", ["side:Agency"] = "使用单位", ["how:OnScreen"] = "在线确认", ["how:SignedCopy"] = "上传签署件",
        ["verdict:Accept"] = "通过", ["verdict:Reopen"] = "退回重改", ["risk:High"] = "高", ["risk:Medium"] = "中", ["risk:Low"] = "低",
    };

    // Fields that only a machine reads (fingerprints, storage paths): left to the raw record.
    // An identifier alone says nothing to a person; the object and its page are in the entry's other columns.
    private static readonly HashSet<string> Omitted = new(["sha256", "storedPath", "caseId", "userId", "systemId", "organisationId"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// "字段：前 → 后" for each field that changed (or was recorded), joined with "；". States are named as the lists name
    /// them; lists and objects are counted, not spelled out (the raw record has them).
    /// </summary>
    public static string Describe(string entityType, string? before, string? after)
    {
        var was = Parse(before);
        var now = Parse(after);
        var parts = new List<string>();
        // A clock's step is recorded as its code (Evaluate) and, since, its name (评估): the name is what people read.
        var keys = now.Keys.Concat(was.Keys).Distinct(StringComparer.Ordinal).Where(k => !Omitted.Contains(k)).ToList();
        if (keys.Contains("stepName")) keys.Remove("step");
        foreach (var key in keys)
        {
            var b = was.TryGetValue(key, out var x) ? Value(entityType, key, x) : null;
            var a = now.TryGetValue(key, out var y) ? Value(entityType, key, y) : null;
            if (b is null && a is null) continue;
            var label = Fields.GetValueOrDefault(key, key);
            parts.Add(b is null ? $"{label}：{a}" : a is null ? $"{label}：{b} → （无）" : b == a ? $"{label}：{a}" : $"{label}：{b} → {a}");
        }
        return string.Join("；", parts);
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Value(string entityType, string key, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Array => v.GetArrayLength() == 0 ? "（无）" : v.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            ? Fit(string.Join("、", v.EnumerateArray().Select(e => e.ToString())))
            : $"{v.GetArrayLength()} 项",
        JsonValueKind.Object => "（详见原始记录）",
        JsonValueKind.String when key.Equals("state", StringComparison.OrdinalIgnoreCase) => StateName(entityType, v.GetString()!),
        JsonValueKind.String when key.Equals("kind", StringComparison.OrdinalIgnoreCase) => KindName(entityType, v.GetString()!),
        JsonValueKind.String when key.Equals("caseType", StringComparison.OrdinalIgnoreCase) => EntityTypeName(v.GetString()!),
        JsonValueKind.String when key.Equals("result", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<TrialResult>(v.GetString(), out var r) => r.DisplayName(),
        JsonValueKind.String when key.Equals("result", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<GovCloud.Domain.Supervision.AssessmentResult>(v.GetString(), out var ar) => GovCloud.Domain.Supervision.MlpsRules.DisplayName(ar),
        JsonValueKind.String when key.Equals("location", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<SystemLocation>(v.GetString(), out var l) => l.DisplayName(),
        JsonValueKind.String when Words.TryGetValue($"{key}:{v.GetString()}", out var word) => word,
        JsonValueKind.String when DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var moment)
            && v.GetString()!.Contains('T') => GovCloud.Web.Infrastructure.ChinaTime.FormatPrecise(moment),
        _ => Fit(v.ToString()),
    };

    /// <summary>A state as its process names it: an application's trial states are recorded on the application too.</summary>
    private static string StateName(string entityType, string state) => entityType switch
    {
        "ResourceApplication" when Enum.TryParse<ApplicationState>(state, out var s) => s.DisplayName(),
        "ResourceApplication" when Enum.TryParse<TrialState>(state, out var s) => s.DisplayName(),
        "ChangeRequest" when Enum.TryParse<ChangeState>(state, out var s) => s.DisplayName(),
        "Certification" when Enum.TryParse<CertificationState>(state, out var s) => s.DisplayName(),
        "MigrationPlan" when Enum.TryParse<MigrationPlanState>(state, out var s) => s.DisplayName(),
        "DeadlineClock" when Enum.TryParse<ClockState>(state, out var s) => s.DisplayName(),
        "InfoSystem" when Enum.TryParse<SystemLifecycle>(state, out var s) => s.DisplayName(),
        "RectificationNotice" when Enum.TryParse<GovCloud.Domain.Supervision.RectificationState>(state, out var s) => GovCloud.Domain.Supervision.RectificationRules.DisplayName(s),
        "RectificationNotice" when Enum.TryParse<GovCloud.Domain.Supervision.ItemState>(state, out var s) => GovCloud.Domain.Supervision.RectificationRules.DisplayName(s),
        "Inspection" when Enum.TryParse<GovCloud.Domain.Supervision.InspectionState>(state, out var s) => GovCloud.Domain.Supervision.InspectionRules.DisplayName(s),
        _ => state,
    };

    private static string KindName(string entityType, string kind) => entityType switch
    {
        "ResourceApplication" when Enum.TryParse<AttachmentKind>(kind, out var k) => k.DisplayName(),
        "ChangeRequest" when Enum.TryParse<ChangeKind>(kind, out var k) => k.DisplayName(),
        "DataCenter" when Enum.TryParse<DataCenterKind>(kind, out var k) => k.DisplayName(),
        "InfoSystem" when Enum.TryParse<SystemKind>(kind, out var k) => k.DisplayName(),
        _ => kind,
    };

    private static string Fit(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
