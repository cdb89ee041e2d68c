using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Consentry.Server.Data;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the server's database, so every instance on one PostgreSQL (or one
/// SQLite file) protects and reads sign-in and antiforgery cookies with the same keys: a user signed in on one
/// instance is signed in on all. The interface is synchronous; key rings are read rarely and cached.
/// </summary>
internal sealed class DatabaseXmlRepository(ServerDatabase db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. db.QueryAsync("SELECT xml FROM server_dataprotection_keys ORDER BY created, id;", r => XElement.Parse(r.GetString(0)), CancellationToken.None).GetAwaiter().GetResult()];

    public void StoreElement(XElement element, string friendlyName) =>
        db.ExecuteAsync("INSERT INTO server_dataprotection_keys (id, xml, created) VALUES (@id, @xml, @t);", CancellationToken.None,
            ("@id", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds()))
        .GetAwaiter().GetResult();
}
