using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovCloud.Web.Infrastructure.Privacy;

/// <summary>
/// Which columns hold personal data, in one list: each is stored encrypted (<see cref="PersonalDataProtector"/>), and a
/// searchable one has a sibling column "{name}Index" with the keyed hash of its number, kept up to date on every save.
/// A new column holding a mobile, an e-mail or a phone belongs here.
/// </summary>
public static class PersonalDataModel
{
    public sealed record Field(Type Entity, string Property, bool Searchable = false)
    {
        public string IndexProperty => IndexOf(Property);
    }

    /// <summary>The column with the search index of a searchable field, for <c>EF.Property&lt;string&gt;(row, …) == protector.SearchIndex(text)</c>.</summary>
    public static string IndexOf(string property) => property + "Index";

    public static readonly IReadOnlyList<Field> Fields =
    [
        new(typeof(User), nameof(User.PhoneNumber), Searchable: true),
        new(typeof(User), nameof(User.Email)),
        new(typeof(User), nameof(User.NormalizedEmail)),
        new(typeof(Organisation), nameof(Organisation.ContactPhone), Searchable: true),
        new(typeof(Organisation), nameof(Organisation.ContactEmail)),
        new(typeof(ResourceApplication), nameof(ResourceApplication.AgencyContactMobile), Searchable: true),
        new(typeof(ResourceApplication), nameof(ResourceApplication.AgencyContactEmail)),
        new(typeof(ResourceApplication), nameof(ResourceApplication.VendorContactMobile), Searchable: true),
        new(typeof(ResourceApplication), nameof(ResourceApplication.VendorContactEmail)),
        new(typeof(ApplicationVm), nameof(ApplicationVm.OwnerEmails)),
        new(typeof(ApplicationVm), nameof(ApplicationVm.OwnerMobiles)),
        new(typeof(CloudVm), nameof(CloudVm.OwnerEmails)),
        new(typeof(CloudVm), nameof(CloudVm.OwnerMobiles)),
        new(typeof(ChangeLine), nameof(ChangeLine.OwnerEmails)),
        new(typeof(ChangeLine), nameof(ChangeLine.OwnerMobiles)),
        new(typeof(InfoSystem), nameof(InfoSystem.VendorContactMobile), Searchable: true),
        new(typeof(InfoSystem), nameof(InfoSystem.VendorContactEmail)),
        new(typeof(RectificationNotice), nameof(RectificationNotice.ContactPhone)),
        // An administrator account's change waiting for a second administrator carries the account's e-mail and mobile whole.
        new(typeof(AdminRequest), nameof(AdminRequest.Payload)),
    ];

    /// <summary>
    /// Widens each field's column to hold its sealed value, adds the index columns, and (when the app's protector is there,
    /// i.e. not while migrations are made) converts on the way in and out. The schema is the same either way.
    /// </summary>
    public static void Configure(ModelBuilder b, PersonalDataProtector? protector)
    {
        var converter = protector is null ? null
            : new ValueConverter<string, string>(v => protector.Protect(v)!, v => protector.Unprotect(v)!);
        foreach (var field in Fields)
        {
            var entity = b.Entity(field.Entity);
            var property = entity.Property(typeof(string), field.Property);
            if (property.Metadata.GetMaxLength() is { } plain) property.HasMaxLength(PersonalDataProtector.StoredLength(plain));
            if (converter is not null) property.HasConversion(converter);
            if (field.Searchable)
            {
                entity.Property<string>(field.IndexProperty).HasMaxLength(64);
                entity.HasIndex(field.IndexProperty);
            }
        }
    }

    /// <summary>Before a save: the index of every searchable field that is new or changed.</summary>
    public static void IndexChanges(ChangeTracker tracker, PersonalDataProtector protector)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var field in Fields)
            {
                if (!field.Searchable || !field.Entity.IsInstanceOfType(entry.Entity)) continue;
                var value = entry.Property(field.Property);
                if (entry.State == EntityState.Added || value.IsModified)
                    entry.Property(field.IndexProperty).CurrentValue = protector.Index((string?)value.CurrentValue);
            }
        }
    }
}
