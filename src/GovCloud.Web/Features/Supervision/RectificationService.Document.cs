using GovCloud.Domain.Organisations;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;

namespace GovCloud.Web.Features.Supervision;

// The notice as the official document that is printed, stamped and sent: the same words in the PDF and the .docx.
public sealed partial class RectificationService
{
    public async Task<(OfficialDocument Document, string FileName)> DocumentAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var n = await GetAsync(actor, id, ct);
        var issuerType = await TypeOfAsync(n.IssuerId, ct);
        var paragraphs = new List<string>
        {
            $"根据{n.LegalBasis.TrimEnd('。', '，', '；')}，现将你单位存在的网络安全问题及整改要求通知如下：",
        };
        paragraphs.AddRange(n.Items.Select(i => $"{RectificationRules.ChineseOrdinal(i.RowNo)}、（{i.RiskName}风险）{i.Text.TrimEnd()}"));
        var deadline = $"于{OfficialDocument.ChineseDate(n.DueOnAsIssued)}前";
        paragraphs.Add($"请你单位高度重视，{deadline}完成整改，并通过{options.Value.Documents.PlatformName}逐项报送整改情况及佐证材料。" +
                       "逾期未完成整改的，将报市大数据发展局督办。");
        paragraphs.Add($"联系人：{n.ContactName}，联系电话：{n.ContactPhone}。");
        // The Bureau hears of every notice it did not issue itself: it dispatches and escalates.
        var copyTo = issuerType == OrganisationType.Bureau ? null : OrganisationType.Bureau.DisplayName();
        var document = new OfficialDocument(n.IssuerName, n.Number, n.Title, $"{n.RecipientName}：", paragraphs, n.IssuedOn, copyTo, n.IssuerName);
        return (document, $"整改通知书-{n.Number}");
    }
}
