using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;

namespace GovCloud.Web.Components;

/// <summary>
/// Base of the interactive pages: runs each service call in its own DI scope (a fresh DbContext,
/// as a circuit lives for hours) with the signed-in <see cref="Actor"/>, and turns a refusal into
/// a Chinese message instead of a broken page.
/// </summary>
public abstract class ServicePage : ComponentBase
{
    [Inject] protected IServiceScopeFactory ScopeFactory { get; set; } = default!;
    [Inject] protected AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] protected AntDesign.IMessageService Messages { get; set; } = default!;
    [Inject] private FileStore Files { get; set; } = default!;

    /// <summary>The browser's address, captured by App.razor while the page was served over HTTP.</summary>
    [CascadingParameter(Name = "ClientIp")] public string? ClientIp { get; set; }

    protected Actor Actor { get; private set; } = Actor.System;

    protected System.Security.Claims.ClaimsPrincipal User { get; private set; } = new();

    protected string DisplayName => User.FindFirst(GovCloudClaims.DisplayName)?.Value ?? Actor.UserName ?? "";

    protected override async Task OnInitializedAsync()
    {
        var state = await Auth.GetAuthenticationStateAsync();
        User = state.User;
        Actor = Actor.From(state.User, ClientIp);
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs <paramref name="work"/> with a fresh <typeparamref name="TService"/>; null when refused (the message is shown).</summary>
    protected async Task<TResult?> Run<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<TService>());
        }
        catch (ProblemException p)
        {
            LastError = p;
            Messages.Error(Toast(p));
            return default;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            LastError = ProblemException.Conflict("该记录已被他人修改，请刷新后重试");
            Messages.Error(LastError.AllMessages);
            return default;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (Infrastructure.Data.UniqueRules.Conflict(e) is { } conflict)
        {
            LastError = conflict;
            Messages.Error(LastError.AllMessages);
            return default;
        }
    }

    /// <summary>
    /// A file the user picked, opened for upload; null when none was picked, or when it is larger than the store
    /// takes (the message is shown and <paramref name="refused"/> is set). The service checks type and content again.
    /// </summary>
    protected Stream? OpenUpload(Microsoft.AspNetCore.Components.Forms.IBrowserFile? file, out bool refused)
    {
        refused = file?.Size > Files.MaxBytes;
        if (refused) Messages.Error(Files.TooLarge);
        return file is null || refused ? null : file.OpenReadStream(maxAllowedSize: Files.MaxBytes);
    }

    /// <summary>The whole of a picked file that is read rather than kept (an import), within the same limit; null when refused (the message is shown).</summary>
    protected async Task<byte[]?> ReadUploadAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile file)
    {
        if (OpenUpload(file, out _) is not { } stream) return null;
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    /// <summary>The last refusal, so a form can show it next to its fields.</summary>
    protected ProblemException? LastError
    {
        get => lastError;
        set
        {
            lastError = value;
            corrected.Clear();
        }
    }

    private ProblemException? lastError;

    // Fields the user has changed since the last refusal: their messages are gone, the others stay until the next attempt.
    private readonly HashSet<string> corrected = new(StringComparer.OrdinalIgnoreCase);

    // The fields the page drew with a place for their message in its last render (they asked FieldError), and those of
    // the render under way. A refusal's messages for them are shown at the field; the toast says only how many there are
    // and spells out the others, instead of repeating every field's message in one long line.
    private HashSet<string> drawn = new(StringComparer.OrdinalIgnoreCase), drawing = new(StringComparer.OrdinalIgnoreCase);

    protected override void OnAfterRender(bool firstRender)
    {
        (drawn, drawing) = (drawing, drawn);
        drawing.Clear();
        base.OnAfterRender(firstRender);
    }

    private string Toast(ProblemException p)
    {
        if (p.Errors is not { Count: > 0 } errors) return p.AllMessages;
        var atFields = errors.Where(e => drawn.Contains(e.Key)).Sum(e => e.Value.Length);
        if (atFields == 0) return p.AllMessages;
        var elsewhere = errors.Where(e => !drawn.Contains(e.Key)).SelectMany(e => e.Value);
        return string.Join("；", elsewhere.Prepend($"有 {atFields} 处需要修改，已在表单中标出"));
    }

    protected string? FieldError(string field)
    {
        drawing.Add(field);
        return !corrected.Contains(field) && !corrected.Contains(Folded(field)) && LastError?.Errors is { } errors && errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;
    }

    /// <summary>The messages of several fields under one form item (a contact's mobile and e-mail), all of them.</summary>
    protected string? FieldErrors(params string[] fields) =>
        fields.Select(FieldError).ToList().OfType<string>().ToList() is { Count: > 0 } messages ? string.Join("；", messages) : null;

    /// <summary>
    /// A form item's state: red while the last refusal names one of its fields (a contact's mobile and e-mail share one
    /// item) and the user has not changed it since. A message given as Help without it read grey, like a hint.
    /// </summary>
    protected AntDesign.FormValidateStatus FieldStatus(params string[] fields) =>
        fields.Select(FieldError).ToList().Any(m => m is not null) ? AntDesign.FormValidateStatus.Error : AntDesign.FormValidateStatus.Default;

    /// <summary>For a form's OnFieldChanged: a field the user corrects loses its message at once, not at the next save.</summary>
    protected void FieldChanged(Microsoft.AspNetCore.Components.Forms.FieldChangedEventArgs e) => corrected.Add(Folded(e.FieldIdentifier.FieldName));

    /// <summary>For inputs outside a form (a row of a table, a <see cref="Cell"/>): these fields were changed by the user.</summary>
    protected void Corrected(params string[] fields)
    {
        foreach (var field in fields) corrected.Add(field);
    }

    // A form's property (SurveyDate) and the API's field (survey.date) are one field.
    private static string Folded(string field) => new(field.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
