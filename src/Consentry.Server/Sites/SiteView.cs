namespace Consentry.Server.Sites;

/// <summary>A site as the API and the UI list it.</summary>
/// <param name="Id">The site id.</param>
/// <param name="Name">The site's name from its manifest.</param>
/// <param name="Revision">The served (latest) upload's number.</param>
/// <param name="ManifestRevision">The manifest's own revision.</param>
/// <param name="Updated">When the served revision was uploaded.</param>
/// <param name="BannerRequired">Whether visitors see a banner (something non-essential is declared).</param>
/// <param name="ScriptTag">The tag a page adds, for this server's origin.</param>
internal sealed record SiteView(string Id, string Name, int Revision, int ManifestRevision, DateTimeOffset Updated, bool BannerRequired, string ScriptTag);
