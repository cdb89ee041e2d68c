namespace Consentry.Regions;

/// <summary>
/// The region codes a manifest may name: ISO 3166-1 alpha-2 countries (and <c>XK</c>, which CDNs use for Kosovo),
/// ISO 3166-2 subdivisions (every US state, district and territory; elsewhere any one to three letters or digits
/// after a known country), and the built-in groups.
/// </summary>
internal static class RegionCodes
{
    private static readonly HashSet<string> Countries = [.. """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
        GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
        KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
        MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
        UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    private static readonly HashSet<string> UsSubdivisions = [.. """
        AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA
        RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR UM VI
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    private static readonly string[] EuMembers = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

    /// <summary>The built-in group of the European Economic Area.</summary>
    public const string Eea = "EEA";

    /// <summary>The built-in group of the European Union.</summary>
    public const string Eu = "EU";

    /// <summary>The built-in group of the US states with consumer-privacy laws.</summary>
    public const string UsPrivacy = "US-PRIVACY";

    /// <summary>
    /// The built-in groups and their members. <c>US-PRIVACY</c>: the states with comprehensive consumer-privacy laws in
    /// force by 2026 (opt-out model); laws keep arriving, so a manifest adds a state by naming it (<c>US-XX: opt-out</c>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Groups = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [Eea] = new HashSet<string>([.. EuMembers, "IS", "LI", "NO"]),
        [Eu] = new HashSet<string>(EuMembers),
        [UsPrivacy] = new HashSet<string>("CA VA CO CT UT TX OR MT IA DE NE NH NJ TN MN MD IN KY RI".Split(' ').Select(s => "US-" + s)),
    };

    /// <summary>Where the law asks for opt-in consent to non-essential cookies (EEA, UK, Switzerland).</summary>
    public static readonly IReadOnlySet<string> OptInByLaw = new HashSet<string>([.. Groups[Eea], "GB", "CH"]);

    public static bool IsCountry(string code) => Countries.Contains(code);

    /// <summary>True for <c>US-CA</c> (a US state, district or territory) or <c>FR-75</c> (one to three letters or digits after another known country).</summary>
    public static bool IsSubdivision(string code)
    {
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        if (dash != 2 || !IsCountry(code[..2]))
        {
            return false;
        }

        var part = code[3..];
        return code[..2] == "US" ? UsSubdivisions.Contains(part) : part.Length is >= 1 and <= 3 && part.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
    }

    /// <summary>True for anything a manifest may name under <c>regions</c>.</summary>
    public static bool IsKnown(string code) => Groups.ContainsKey(code) || IsCountry(code) || IsSubdivision(code);

    /// <summary>The country a country or subdivision code belongs to.</summary>
    public static string CountryOf(string code) => code.Length > 2 && code[2] == '-' ? code[..2] : code;

    /// <summary>What a rule's region stands for: a group's members, or the code itself.</summary>
    public static IReadOnlySet<string> Members(string code) => Groups.TryGetValue(code, out var members) ? members : new HashSet<string> { code };
}
