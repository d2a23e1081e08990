namespace OrleansFlow.Datagen.Tpch;

/// <summary>The word lists of the TPC-H specification (clause 4.2.2.13 and 4.2.3).</summary>
internal static class TpchWords
{
    /// <summary>(n_nationkey, n_name, n_regionkey), in key order.</summary>
    public static readonly (string Name, int Region)[] Nations =
    [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0),
        ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2),
        ("JORDAN", 4), ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
        ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ];

    public static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    /// <summary>The 92 colours p_name is built from.</summary>
    public static readonly string[] Colors =
    [
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
        "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk",
        "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted",
        "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace",
        "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium", "metallic",
        "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya",
        "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle",
        "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan",
        "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow",
    ];

    public static readonly string[] TypeSyllable1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
    public static readonly string[] TypeSyllable2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
    public static readonly string[] TypeSyllable3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];

    public static readonly string[] ContainerSyllable1 = ["SM", "LG", "MED", "JUMBO", "WRAP"];
    public static readonly string[] ContainerSyllable2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];

    public static readonly string[] Segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"];
    public static readonly string[] Priorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];
    public static readonly string[] Instructions = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"];
    public static readonly string[] ShipModes = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"];

    // Text grammar vocabulary (clause 4.2.2.14).
    public static readonly string[] Nouns =
    [
        "foxes", "ideas", "theodolites", "pinto beans", "instructions", "dependencies", "excuses", "platelets",
        "asymptotes", "courts", "dolphins", "multipliers", "sauternes", "warthogs", "frets", "dinos",
        "attainments", "somas", "Tiresias", "patterns", "forges", "braids", "hockey players", "frays", "warhorses",
        "dugouts", "notornis", "epitaphs", "pearls", "tithes", "waters", "orbits", "gifts", "sheaves", "depths",
        "sentiments", "decoys", "realms", "pains", "grouches", "escapades", "packages", "requests", "accounts",
        "deposits",
    ];

    public static readonly string[] Verbs =
    [
        "sleep", "wake", "are", "cajole", "haggle", "nag", "use", "boost", "affix", "detect", "integrate",
        "maintain", "nod", "was", "lose", "sublate", "solve", "thrash", "promise", "engage", "hinder", "print",
        "x-ray", "breach", "eat", "grow", "impress", "mold", "poach", "serve", "run", "dazzle", "snooze", "doze",
        "unwind", "kindle", "play", "hang", "believe", "doubt",
    ];

    public static readonly string[] Adjectives =
    [
        "furious", "sly", "careful", "blithe", "quick", "fluffy", "slow", "quiet", "ruthless", "thin", "close",
        "dogged", "daring", "brave", "stealthy", "permanent", "enticing", "idle", "busy", "regular", "final",
        "ironic", "even", "bold", "silent", "special", "pending", "unusual", "express",
    ];

    public static readonly string[] Adverbs =
    [
        "sometimes", "always", "never", "furiously", "slyly", "carefully", "blithely", "quickly", "fluffily",
        "slowly", "quietly", "ruthlessly", "thinly", "closely", "doggedly", "daringly", "bravely", "stealthily",
        "permanently", "enticingly", "idly", "busily", "regularly", "finally", "ironically", "evenly", "boldly",
        "silently",
    ];

    public static readonly string[] Prepositions =
    [
        "about", "above", "according to", "across", "after", "against", "along", "alongside of", "among",
        "around", "at", "atop", "before", "behind", "beneath", "beside", "besides", "between", "beyond", "by",
        "despite", "during", "except", "for", "from", "in place of", "inside", "instead of", "into", "near", "of",
        "on", "outside", "over", "past", "since", "through", "throughout", "to", "toward", "under", "until", "up",
        "upon", "without", "with", "within",
    ];

    public static readonly string[] Auxiliaries =
    [
        "do", "may", "might", "shall", "will", "would", "can", "could", "should", "ought to", "must",
        "will have to", "shall have to", "could have to", "should have to", "must have to", "need to", "try to",
    ];

    public static readonly string[] Terminators = [".", ";", ":", "?", "!", "--"];
}
