using GovCloud.Domain;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Infrastructure;

/// <summary>A file as it came in a request: the name the browser sent, its content and its length.</summary>
public sealed record Upload(string FileName, Stream Content, long Size);

/// <summary>A file written to the store: where it is, how big, and its SHA-256.</summary>
public sealed record StoredFile(string Path, long Size, string Sha256);

/// <summary>
/// Uploaded documents on disk under a configured folder. A file is accepted only when its
/// extension is allowed and its first bytes are what that extension promises, so an HTML page or
/// a program renamed to .pdf is refused; files are stored without their name and always served
/// as downloads.
/// </summary>
public sealed class FileStore(IOptions<GovCloudOptions> options)
{
    private FileOptions Options => options.Value.Files;

    /// <summary>The largest upload accepted, in bytes.</summary>
    public long MaxBytes => Options.MaxSizeMb * 1024L * 1024L;
    private string Root => System.IO.Path.GetFullPath(Options.Root);

    public string TooLarge => $"文件不能超过 {Options.MaxSizeMb} MB";

    /// <summary>A file over the one limit: 413, however it was found out (see <see cref="ProblemSetup.TooLarge"/>).</summary>
    private ProblemException TooLargeProblem => ProblemSetup.TooLarge(Options.MaxSizeMb);

    /// <summary>What is wrong with an upload, in Chinese; null when it may be stored.</summary>
    public string? Check(string fileName, long size)
    {
        var extension = System.IO.Path.GetExtension(fileName).ToLowerInvariant();
        if (size == 0) return "文件是空的";
        if (size > MaxBytes) return TooLarge;
        if (!Options.AllowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            return $"不支持“{extension}”文件，可上传：{string.Join(" ", Options.AllowedExtensions)}";
        return null;
    }

    /// <summary>Writes the upload under <paramref name="folder"/>, or returns a Chinese reason it was refused.</summary>
    public async Task<(StoredFile? File, string? Problem)> SaveAsync(string folder, string fileName, Stream content, long size, CancellationToken ct)
    {
        if (Check(fileName, size) is { } problem) return (null, problem);
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (!LooksLike(System.IO.Path.GetExtension(fileName).ToLowerInvariant(), head.AsSpan(0, read)))
            return (null, "文件内容与扩展名不符，请上传原始文件");

        var relative = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N"));
        var full = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written = 0;
        await using (var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
        {
            sha.AppendData(head, 0, read);
            await file.WriteAsync(head.AsMemory(0, read), ct);
            written += read;
            var buffer = new byte[81920];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                written += n;
                if (written > Options.MaxSizeMb * 1024L * 1024L) break;
                sha.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        if (written > Options.MaxSizeMb * 1024L * 1024L)
        {
            File.Delete(full);
            return (null, $"文件不能超过 {Options.MaxSizeMb} MB");
        }
        return (new StoredFile(relative, written, Convert.ToHexStringLower(sha.GetHashAndReset())), null);
    }

    /// <summary>
    /// An upload as the processes take it: the name the user's browser sent reduced to the file's own name
    /// (1–200 characters), then saved; refused with a Chinese 400 on the field "file".
    /// </summary>
    private async Task<(StoredFile File, string Name)> AcceptAsync(string folder, string fileName, Stream content, long size, CancellationToken ct,
        string field = "file")
    {
        // What the name shows is what it is: a bidi override cannot make "‮gpj.exe.pdf" read as "…exe.pdf".
        var name = Texts.Line(System.IO.Path.GetFileName(TextRules.OneLine(fileName).Replace('\\', '/'))) ?? "";
        if (name.Length is 0 or > 200) throw ProblemException.Invalid(field, "文件名须为 1 至 200 个字");
        var (stored, problem) = await SaveAsync(folder, name, content, size, ct);
        if (problem == TooLarge) throw TooLargeProblem;
        if (problem is not null) throw ProblemException.Invalid(field, field == "file" ? problem : $"{name}：{problem}");
        return (stored!, name);
    }

    /// <summary>
    /// Accepts an upload (as <see cref="AcceptAsync"/>) and hands it to <paramref name="record"/>, which saves what points at
    /// it; when that fails the file is removed again, so the store never keeps a file no row points at.
    /// </summary>
    public async Task<T> KeepAsync<T>(string folder, string? fileName, Stream? content, long size, Func<StoredFile, string, Task<T>> record, CancellationToken ct)
    {
        if (content is null || fileName is null) throw ProblemException.Invalid("file", "请选择要上传的文件");
        var (stored, name) = await AcceptAsync(folder, fileName, content, size, ct);
        try
        {
            return await record(stored, name);
        }
        catch
        {
            Delete(stored.Path);
            throw;
        }
    }

    /// <summary>
    /// Several uploads kept together (an answer's evidence): each accepted as <see cref="KeepAsync{T}"/> does, refused on the field
    /// <paramref name="field"/> with the file's name; when one is refused or the record fails, none of them stays.
    /// </summary>
    public async Task<T> KeepAllAsync<T>(string folder, IReadOnlyList<Upload> uploads, string field,
        Func<IReadOnlyList<(StoredFile File, string Name)>, Task<T>> record, CancellationToken ct)
    {
        var kept = new List<(StoredFile File, string Name)>();
        try
        {
            foreach (var u in uploads) kept.Add(await AcceptAsync(folder, u.FileName, u.Content, u.Size, ct, field));
            return await record(kept);
        }
        catch
        {
            foreach (var k in kept) Delete(k.File.Path);
            throw;
        }
    }

    /// <summary>
    /// The whole of an uploaded file that is read rather than kept (a spreadsheet or calendar to import), within the same
    /// one limit; refused with a Chinese 400 on the field "file" when none was sent or it is too large.
    /// </summary>
    public async Task<byte[]> ReadAllAsync(IFormFile? file, string missing, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw ProblemException.Invalid("file", missing);
        if (file.Length > MaxBytes) throw TooLargeProblem;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>
    /// A stored document, opened for someone who may read agencies' documents at all (<see cref="GovCloud.Domain.Security.Access.Documents"/>);
    /// the caller has already checked that this one is in the actor's scope.
    /// </summary>
    public Stream Open(Auth.Actor actor, string relative) => Open(actor, relative, GovCloud.Domain.Security.Access.Documents);

    /// <summary>
    /// A stored document of a kind other roles read too: the evidence of a rectification is security data the regulators
    /// check (<see cref="GovCloud.Domain.Security.Access.Supervision"/>), not an application's documents.
    /// </summary>
    public Stream Open(Auth.Actor actor, string relative, GovCloud.Domain.Security.Role[] readers) =>
        actor.IsInAny(readers) ? Open(relative) : throw ProblemException.Forbidden("您的角色不能查看使用单位的文件");

    private Stream Open(string relative) => new FileStream(System.IO.Path.Combine(Root, relative), FileMode.Open, FileAccess.Read, FileShare.Read);

    /// <summary>Removes a stored file; a file already gone is not an error.</summary>
    public void Delete(string relative)
    {
        var full = System.IO.Path.Combine(Root, relative);
        if (File.Exists(full)) File.Delete(full);
    }

    /// <summary>The signature each allowed kind of file starts with.</summary>
    private static bool LooksLike(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        ".pdf" => head.StartsWith("%PDF"u8),
        ".docx" or ".xlsx" or ".zip" or ".ofd" => head.StartsWith("PK"u8),
        ".doc" or ".xls" or ".wps" => head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }),
        ".jpg" or ".jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }),
        _ => false,
    };
}
