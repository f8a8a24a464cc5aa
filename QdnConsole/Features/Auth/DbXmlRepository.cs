using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

/// <summary>
/// Keeps Data Protection keys in the database (what Microsoft.AspNetCore.DataProtection.EntityFrameworkCore does;
/// that package is not in the registry copy here), so sign-in cookies survive restarts and app instances share them.
/// </summary>
public sealed class DbXmlRepository(IDbContextFactory<QdnDbContext> dbFactory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return [.. db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml))
            .Select(xml => XElement.Parse(xml!))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
