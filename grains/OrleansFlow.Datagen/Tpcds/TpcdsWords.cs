namespace OrleansFlow.Datagen.Tpcds;

/// <summary>Value lists for TPC-DS text columns (after the specification's distributions, without their weights).</summary>
internal static class TpcdsWords
{
    public static readonly string[] Syllables =
        ["able", "anti", "bar", "cally", "eing", "ese", "ought", "pri", "n st", "ation"];

    public static readonly string[] StreetNames =
    [
        "Main", "Oak", "Park", "Elm", "Pine", "Maple", "Cedar", "Sunset", "Lake", "Hill", "Washington", "Lincoln",
        "Jackson", "Church", "Spring", "Ridge", "River", "Forest", "Highland", "Meadow", "Mill", "Johnson", "Center",
        "Walnut", "Willow", "Dogwood", "Cherry", "Chestnut", "Laurel", "Wilson", "Smith", "Adams", "Franklin",
        "Jefferson", "Madison", "Poplar", "Railroad", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh",
        "Eighth", "Ninth", "Tenth", "First", "College", "Green", "View",
    ];

    public static readonly string[] StreetTypes =
    [
        "Street", "ST", "Avenue", "Ave", "Boulevard", "Blvd", "Road", "RD", "Parkway", "Pkwy", "Way", "Wy", "Drive",
        "Dr.", "Circle", "Cir.", "Lane", "Ln", "Court", "Ct.",
    ];

    /// <summary>(city, county, state, zip prefix, gmt offset in hours).</summary>
    public static readonly (string City, string County, string State, string Zip, int Gmt)[] Places =
    [
        ("Midway", "Williamson County", "TN", "37", -5), ("Fairview", "Walker County", "GA", "30", -5),
        ("Oak Grove", "Ziebach County", "SD", "57", -6), ("Five Points", "Richland County", "OH", "44", -5),
        ("Riverside", "Franklin Parish", "LA", "71", -6), ("Pleasant Hill", "Daviess County", "KY", "42", -6),
        ("Centerville", "Barrow County", "GA", "30", -5), ("Mount Pleasant", "Luce County", "MI", "49", -5),
        ("Greenwood", "Bronx County", "NY", "10", -5), ("Salem", "Huron County", "MI", "48", -5),
        ("Liberty", "Orange County", "NC", "27", -5), ("Springfield", "Dauphin County", "PA", "17", -5),
        ("Union", "Furnas County", "NE", "68", -6), ("Georgetown", "Maverick County", "TX", "78", -6),
        ("Shiloh", "Mesa County", "CO", "81", -7), ("Glendale", "Maricopa County", "AZ", "85", -7),
        ("Lakeside", "San Diego County", "CA", "92", -8), ("Hopewell", "King County", "WA", "98", -8),
        ("Clinton", "Marion County", "IN", "46", -5), ("Franklin", "Boone County", "IA", "50", -6),
    ];

    public static readonly string[] LocationTypes = ["apartment", "condo", "single family"];

    public static readonly string[] FirstNames =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Linda", "Michael", "Barbara", "William", "Elizabeth",
        "David", "Jennifer", "Richard", "Maria", "Charles", "Susan", "Joseph", "Margaret", "Thomas", "Dorothy",
        "Christopher", "Lisa", "Daniel", "Nancy", "Paul", "Karen", "Mark", "Betty", "Donald", "Helen",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Jones", "Brown", "Davis", "Miller", "Wilson", "Moore", "Taylor",
        "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia", "Martinez", "Robinson",
        "Clark", "Rodriguez", "Lewis", "Lee", "Walker", "Hall", "Allen", "Young", "Hernandez", "King",
    ];

    public static readonly string[] Salutations = ["Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Sir"];

    public static readonly string[] Countries =
    [
        "UNITED STATES", "CANADA", "MEXICO", "GERMANY", "FRANCE", "JAPAN", "CHINA", "INDIA", "BRAZIL", "KENYA",
    ];

    public static readonly string[] Categories =
        ["Women", "Men", "Children", "Shoes", "Music", "Jewelry", "Home", "Sports", "Books", "Electronics"];

    public static readonly string[] Classes =
    [
        "accessories", "athletic", "baseball", "birdal", "blinds/shades", "business", "camcorders", "classical",
        "computers", "country", "dresses", "fiction", "fitness", "football", "furniture", "history", "infants",
        "jewelry boxes", "kids", "lighting", "mens", "pants", "parenting", "pop", "reference", "rings", "rock",
        "shirts", "sports", "swimwear",
    ];

    public static readonly string[] Sizes = ["petite", "small", "medium", "large", "extra large", "economy", "N/A"];

    public static readonly string[] Colors =
    [
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
        "brown", "burlywood", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk", "cream",
        "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted", "gainsboro",
    ];

    public static readonly string[] Units =
    [
        "Bunch", "Box", "Bundle", "Carton", "Case", "Cup", "Dozen", "Dram", "Each", "Gram", "Gross", "Lb", "N/A",
        "Ounce", "Oz", "Pallet", "Pound", "Tbl", "Ton", "Tsp",
    ];

    public static readonly string[] Words =
    [
        "able", "about", "above", "accounts", "after", "again", "against", "almost", "along", "already", "always",
        "american", "another", "areas", "around", "available", "based", "because", "become", "before", "being",
        "best", "better", "between", "both", "business", "called", "cases", "certain", "change", "children",
        "clear", "close", "common", "community", "companies", "complete", "conditions", "continue", "control",
        "costs", "could", "country", "course", "current", "days", "different", "early", "economic", "either",
        "end", "enough", "even", "every", "example", "experience", "family", "field", "final", "following",
        "formal", "full", "further", "general", "given", "good", "government", "great", "group", "hard", "high",
        "human", "important", "increased", "individual", "industry", "information", "interest", "just", "large",
        "later", "level", "local", "major", "market", "members", "modern", "national", "natural", "necessary",
        "needs", "new", "normal", "only", "open", "order", "other", "particular", "personal", "political",
        "possible", "present", "private", "problems", "public", "quite", "real", "recent", "regular", "results",
        "right", "services", "similar", "small", "social", "special", "strong", "systems", "together", "various",
    ];

    public static readonly string[] Genders = ["M", "F"];
    public static readonly string[] MaritalStatuses = ["M", "S", "D", "W", "U"];

    public static readonly string[] EducationStatuses =
        ["Primary", "Secondary", "College", "2 yr Degree", "4 yr Degree", "Advanced Degree", "Unknown"];

    public static readonly string[] CreditRatings = ["Good", "High Risk", "Low Risk", "Unknown"];

    public static readonly string[] BuyPotentials = ["0-500", "501-1000", "1001-5000", "5001-10000", ">10000", "Unknown"];

    public static readonly string[] WebPageTypes = ["ad", "dynamic", "feedback", "general", "order", "protected", "welcome"];

    public static readonly string[] CatalogTypes = ["bi-annual", "quarterly", "monthly"];

    public static readonly string[] StoreHours = ["8AM-4PM", "8AM-8AM", "8AM-12AM"];

    public static readonly string[] DayNames =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static readonly string[] YesNo = ["Y", "N"];
}
