using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace GovCloud.Web.Infrastructure.Privacy;

/// <summary>
/// Seals the secret of each data-protection key (the key that signs sign-in cookies and protects second-factor secrets)
/// with the personal-data key before it is stored in the database, so a copy of the database alone opens neither.
/// </summary>
public sealed class Sm4XmlEncryptor(PersonalDataProtector protector) : IXmlEncryptor
{
    public static readonly XName Sealed = "sealedSecret";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(Sealed, protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(Sm4XmlDecryptor));
}

/// <summary>Opens what <see cref="Sm4XmlEncryptor"/> sealed; made by the data-protection system, hence the service-provider constructor.</summary>
public sealed class Sm4XmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<PersonalDataProtector>().Unprotect(encryptedElement.Value)!);
}

/// <summary>Reseals the stored keys' XML: secrets stored plain (written before sealing) or sealed with an older key.</summary>
public static class DataProtectionKeyXml
{
    private static readonly XNamespace Ns = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = Ns + "encryptedSecret";
    private static readonly XName RequiresEncryption = Ns + "requiresEncryption";

    /// <summary>The XML with every secret sealed with the current key, or null when it already is.</summary>
    public static string? Reseal(string xml, PersonalDataProtector protector)
    {
        var root = XElement.Parse(xml);
        var changed = false;
        foreach (var secret in root.Descendants(EncryptedSecret).ToList())
        {
            if (secret.Elements(Sm4XmlEncryptor.Sealed).SingleOrDefault() is not { } inner || protector.IsCurrent(inner.Value)) continue;
            inner.Value = protector.Protect(protector.Unprotect(inner.Value))!;
            changed = true;
        }
        foreach (var plain in root.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList())
        {
            var info = new Sm4XmlEncryptor(protector).Encrypt(new XElement(plain));
            plain.ReplaceWith(new XElement(EncryptedSecret, new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            changed = true;
        }
        return changed ? root.ToString(SaveOptions.DisableFormatting) : null;
    }
}
