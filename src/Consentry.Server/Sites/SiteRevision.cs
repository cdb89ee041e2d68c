namespace Consentry.Server.Sites;

/// <summary>One uploaded manifest of a site: the server's revision number (1, 2, …), the manifest's own revision, and what changed.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="Number">The upload's number on this site, from 1.</param>
/// <param name="ManifestRevision">The manifest's revision (its count of material history entries).</param>
/// <param name="FileName">The uploaded file's name, as errors name it.</param>
/// <param name="Yaml">The manifest text.</param>
/// <param name="Material">Whether it changed anything material since the one before.</param>
/// <param name="RenewedConsent">Whether visitors are asked again.</param>
/// <param name="Uploaded">When.</param>
/// <param name="UploadedBy">Who: an account's e-mail, an API key, or the watched folder.</param>
internal sealed record SiteRevision(string SiteId, int Number, int ManifestRevision, string FileName, string Yaml, bool Material, bool RenewedConsent, DateTimeOffset Uploaded, string UploadedBy);
