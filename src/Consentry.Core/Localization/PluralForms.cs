namespace Consentry.Localization;

/// <summary>
/// The plural form of a whole number in a language, by the CLDR plural rules (cardinal, integers only) for the
/// built-in languages: <c>zero</c>, <c>one</c>, <c>two</c>, <c>few</c>, <c>many</c> or <c>other</c>.
/// </summary>
internal static class PluralForms
{
    public static string Of(string language, long n) => language switch
    {
        "pl" => Polish(n),
        "ar" => Arabic(n),
        "fr" => n is 0 or 1 ? "one" : "other",
        _ => n == 1 ? "one" : "other",
    };

    private static string Polish(long n)
    {
        if (n == 1)
        {
            return "one";
        }

        var (ten, hundred) = (n % 10, n % 100);
        return ten is >= 2 and <= 4 && hundred is < 12 or > 14 ? "few" : "many";
    }

    private static string Arabic(long n)
    {
        var hundred = n % 100;
        return n switch
        {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ when hundred is >= 3 and <= 10 => "few",
            _ when hundred is >= 11 and <= 99 => "many",
            _ => "other",
        };
    }
}
