namespace Consentry.Manifests;

/// <summary>Where visitors find the "Cookie settings" control that reopens their choice.</summary>
public enum SettingsLinkPlacement
{
    /// <summary>A link in the site's footer (<c>footer</c>). The default.</summary>
    Footer,
    /// <summary>A small persistent button drawn by the banner (<c>floating-button</c>).</summary>
    FloatingButton,
    /// <summary>Both a footer link and the floating button (<c>both</c>).</summary>
    Both,
    /// <summary>Somewhere else the site documents, e.g. the account settings page (<c>account-settings</c>).</summary>
    AccountSettings,
}
