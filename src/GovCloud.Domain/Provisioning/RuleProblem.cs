namespace GovCloud.Domain.Provisioning;

/// <summary>What a rule found wrong, on which input field (dotted and indexed, as the API names it), in Chinese.</summary>
public sealed record RuleProblem(string Field, string Message);
