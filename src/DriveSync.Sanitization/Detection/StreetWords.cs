namespace DriveSync.Sanitization.Detection;

/// <summary>The words of US street addresses: USPS street suffixes, directions, unit designators and state codes.</summary>
internal static class StreetWords
{
    /// <summary>Suffixes that end a street name on their own (USPS Publication 28, common forms and abbreviations).</summary>
    private static readonly HashSet<string> StrongSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "st", "street", "str", "ave", "av", "avenue", "avenu", "rd", "road", "blvd", "boulevard", "boul", "dr", "drive", "drv",
        "ln", "lane", "ct", "court", "crt", "hwy", "highway", "pkwy", "parkway", "pky", "ter", "terrace", "terr", "pl", "place",
        "cir", "circle", "way", "wy", "trl", "tr", "expy", "expressway", "fwy", "freeway", "tpke", "turnpike", "cres", "crescent",
        "aly", "alley", "sq", "xing", "pt", "plz", "cv", "cove", "bnd", "bend", "crk", "hts", "lndg", "mdws", "rdg", "vly",
    };

    /// <summary>Suffixes that are also ordinary words ("Park", "Trail"): they end a street only with more evidence (a unit, a city line, a direction).</summary>
    private static readonly HashSet<string> WeakSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "trail", "park", "point", "square", "plaza", "run", "loop", "path", "walk", "view", "hill", "hills", "ridge", "crossing",
        "pass", "pike", "row", "commons", "grove", "heights", "landing", "meadow", "meadows", "glen", "creek", "harbor", "valley",
        "mall", "mews", "oval", "green", "gardens", "estates", "center", "centre", "summit", "village", "circuit", "close",
    };

    private static readonly HashSet<string> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    };

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "apt", "apartment", "unit", "suite", "ste", "fl", "floor", "rm", "room", "bldg", "building", "lot", "dept", "trlr", "spc", "space",
    };

    private static readonly HashSet<string> States = new(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
        "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
    };

    public static bool IsStrongSuffix(ReadOnlySpan<char> word) => StrongSuffixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsWeakSuffix(ReadOnlySpan<char> word) => WeakSuffixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsDirection(ReadOnlySpan<char> word) => Directions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsUnit(ReadOnlySpan<char> word) => Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsState(ReadOnlySpan<char> word) => States.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
