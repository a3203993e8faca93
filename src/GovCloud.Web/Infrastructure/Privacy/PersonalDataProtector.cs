using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace GovCloud.Web.Infrastructure.Privacy;

/// <summary>
/// Encrypts personal data (mobiles, e-mails, phones) before it reaches the database and decrypts it on the way back: SM4 in
/// GCM mode (GB/T 39786 expects the SM series), a fresh 12-byte nonce per value, stored as <c>sm4:{keyId}:{base64}</c> so that
/// a value names the key it was sealed with and keys can be rotated (<see cref="PersonalDataReencryption"/>). A keyed SM3 hash
/// (<see cref="Index"/>) lets a number be searched for without storing it readable.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string Prefix = "sm4:";
    private const int NonceBytes = 12, TagBits = 128;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly byte[] _indexKey;

    /// <summary>The id of the key new values are sealed with.</summary>
    public string CurrentKey { get; }

    /// <summary>Names this key set (not the keys): EF Core builds one model per key set.</summary>
    public string Fingerprint { get; }

    public PersonalDataProtector(IOptions<GovCloudOptions> options, ILogger<PersonalDataProtector> log)
        : this(Load(options.Value.PersonalData, log), options.Value.PersonalData.LocalAreaCode) { }

    private readonly string? _localAreaCode;

    private PersonalDataProtector(PersonalDataOptions keys, string? localAreaCode = null)
    {
        _localAreaCode = localAreaCode;
        _keys = keys.Keys.ToDictionary(k => k.Key, k => Decode(k.Value, $"GovCloud:PersonalData:Keys:{k.Key}", 16, 16));
        foreach (var id in _keys.Keys)
            if (id.Length == 0 || id.Contains(':')) throw new InvalidOperationException($"个人信息密钥编号“{id}”不能为空或含冒号");
        CurrentKey = keys.CurrentKey ?? "";
        if (!_keys.ContainsKey(CurrentKey))
            throw new InvalidOperationException($"GovCloud:PersonalData:CurrentKey “{CurrentKey}”不在已配置的密钥中");
        _indexKey = Decode(keys.IndexKey, "GovCloud:PersonalData:IndexKey", 16, 64);
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join(";", _keys.OrderBy(k => k.Key).Select(k => k.Key + "=" + Convert.ToBase64String(k.Value))) + "|" + CurrentKey)))[..16];
    }

    /// <summary>For tests and tools: a protector over the given keys.</summary>
    public static PersonalDataProtector Of(PersonalDataOptions keys) => new(keys, keys.LocalAreaCode);

    /// <summary>The value as stored: sealed with the current key. Null and empty stay as they are.</summary>
    public string? Protect(string? plain)
    {
        if (string.IsNullOrEmpty(plain)) return plain;
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var input = Encoding.UTF8.GetBytes(plain);
        var cipher = Cipher(true, _keys[CurrentKey], nonce);
        var output = new byte[NonceBytes + cipher.GetOutputSize(input.Length)];
        nonce.CopyTo(output, 0);
        var length = cipher.ProcessBytes(input, 0, input.Length, output, NonceBytes);
        cipher.DoFinal(output, NonceBytes + length);
        return $"{Prefix}{CurrentKey}:{Convert.ToBase64String(output)}";
    }

    /// <summary>
    /// The value as read. A value without the prefix was written before encryption was turned on and is returned as it is until
    /// re-encryption seals it; a sealed value whose key is no longer configured, or that was tampered with, stops the read.
    /// </summary>
    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored) || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        var colon = stored.IndexOf(':', Prefix.Length);
        var id = colon < 0 ? "" : stored[Prefix.Length..colon];
        if (!_keys.TryGetValue(id, out var key))
            throw new InvalidOperationException($"个人信息由密钥“{id}”加密，但该密钥未配置（GovCloud:PersonalData:Keys）");
        var data = Convert.FromBase64String(stored[(colon + 1)..]);
        var cipher = Cipher(false, key, data[..NonceBytes]);
        var output = new byte[cipher.GetOutputSize(data.Length - NonceBytes)];
        var length = cipher.ProcessBytes(data, NonceBytes, data.Length - NonceBytes, output, 0);
        length += cipher.DoFinal(output, length);
        return Encoding.UTF8.GetString(output, 0, length);
    }

    /// <summary>Whether a stored value is sealed with the current key (else re-encryption rewrites it).</summary>
    public bool IsCurrent(string? stored) =>
        string.IsNullOrEmpty(stored) || stored.StartsWith($"{Prefix}{CurrentKey}:", StringComparison.Ordinal);

    /// <summary>The search index of a phone number: HMAC-SM3 of its normalised digits, in hex; null for no number.</summary>
    public string? Index(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = Domain.Organisations.ContactRules.Normalise(phone, _localAreaCode);
        if (digits.Length == 0) return null;
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(_indexKey));
        var input = Encoding.UTF8.GetBytes(digits);
        mac.BlockUpdate(input, 0, input.Length);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }

    /// <summary>
    /// The index to look a search text up by when it is a phone number (digits, spaces, dashes, brackets, a leading +; at least seven
    /// digits), else null: a list's search box finds a contact by number although the number is stored sealed.
    /// </summary>
    public string? SearchIndex(string? text) =>
        text is not null && Domain.Organisations.ContactRules.Halfwidth(text).Trim() is { Length: > 0 } typed
            && typed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')
            && Domain.Organisations.ContactRules.Normalise(typed, _localAreaCode).Length >= 7 ? Index(typed) : null;

    /// <summary>How long a stored value of at most <paramref name="plainLength"/> characters can be (UTF-8, nonce, tag, base64, prefix).</summary>
    public static int StoredLength(int plainLength) => Prefix.Length + 10 + 4 * ((NonceBytes + plainLength * 3 + TagBits / 8 + 2) / 3);

    /// <summary>Encrypts with the SM4 engine in GCM mode (the tag authenticates, so a changed byte fails the read).</summary>
    private static GcmBlockCipher Cipher(bool encrypt, byte[] key, byte[] nonce)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), TagBits, nonce));
        return cipher;
    }

    private static byte[] Decode(string? base64, string name, int min, int max)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64 ?? ""); }
        catch (FormatException) { throw new InvalidOperationException($"{name} 须为 Base64 编码的密钥"); }
        if (bytes.Length < min || bytes.Length > max)
            throw new InvalidOperationException(min == max ? $"{name} 须为 {min} 字节的密钥" : $"{name} 须为 {min} 至 {max} 字节的密钥");
        return bytes;
    }

    /// <summary>The configured keys, or those kept in the key file (made on first start when there is none).</summary>
    private static PersonalDataOptions Load(PersonalDataOptions configured, ILogger log)
    {
        if (configured.Keys.Count > 0) return configured;
        var path = Path.GetFullPath(configured.KeyFile); // relative to the working directory, as the database and the files are
        if (File.Exists(path))
            return JsonSerializer.Deserialize<PersonalDataOptions>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"个人信息密钥文件 {path} 无法读取");
        var made = new PersonalDataOptions
        {
            Keys = new() { ["1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) },
            CurrentKey = "1",
            IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = JsonSerializer.Serialize(new { made.Keys, made.CurrentKey, made.IndexKey }, new JsonSerializerOptions { WriteIndented = true });
        // Written aside and moved into place, so that an instance starting at the same moment reads a whole file or none.
        var aside = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // readable by the service's account only
        using (var stream = new FileStream(aside, file)) stream.Write(Encoding.UTF8.GetBytes(json));
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(aside); // another instance made the keys first: use those
            return Load(configured, log);
        }
        log.LogWarning("未配置个人信息加密密钥，已生成并保存在 {Path}；生产环境请改用配置 GovCloud:PersonalData 并与数据库分开保管", path);
        return made;
    }
}
