using System.Text;

namespace TensionTracker.Bench;

/// <summary>A generated article as a publisher would send it.</summary>
public sealed record SyntheticArticle(string Url, string Outlet, DateTimeOffset PublishedAt, string Title, string Body, bool IsCopy);

/// <summary>
/// Seeded generator of realistic news articles about relations between countries: 200-2,000 words (mean about
/// 700, log-normal), 10-60 attributed statements each ("X's foreign minister, Y, said", quotes, "according to",
/// analysts), a main pair plus third countries drawn from the gazetteer with a skew (a few pairs in the news
/// often, many rarely), hostile / neutral / cooperative vocabulary with a lean per pair, background sentences,
/// and about 5% syndicated copies of earlier stories under another outlet. The same seed gives the same corpus.
/// </summary>
public sealed class SyntheticCorpus
{
    public sealed record Country(string Code, string Name, string Capital, string Demonym);

    // Countries often in the news come first, so the skewed draw favours them; the rest of the gazetteer follows.
    static readonly string[] Prominent =
    [
        "USA", "CHN", "RUS", "UKR", "IND", "PAK", "IRN", "ISR", "JPN", "KOR", "PRK", "TWN", "GBR", "FRA", "DEU", "TUR",
        "GRC", "SAU", "EGY", "ETH", "VEN", "COL", "MEX", "BRA", "ARG", "AUS", "IDN", "PHL", "VNM", "POL", "BLR", "SRB",
        "ARM", "AZE", "CAN", "NOR", "SYR", "IRQ", "AFG", "NGA", "ZAF", "KEN", "QAT", "ARE", "LBN", "JOR", "SDN", "MMR",
    ];

    static readonly string[] Outlets =
    [
        "Global Wire", "The Meridian Post", "Atlas News Service", "Harbour Herald", "The Daily Compass", "Northern Ledger",
        "Continental Times", "Pacific Dispatch", "The Evening Standard-Bearer", "Capital Chronicle", "World Desk Review",
        "The Frontier Gazette",
    ];

    static readonly string[] Institutes =
    [
        "Institute for Strategic Dialogue Studies", "Centre for Regional Security", "Foreign Policy Forum", "Council on Maritime Affairs",
        "Peace Research Group", "School of International Relations", "Eurasia Policy Lab",
    ];

    static readonly string[] Topics =
    [
        "border incident", "missile test", "trade dispute", "fishing rights", "energy pipeline", "naval patrols", "detained citizens",
        "water sharing", "airspace violations", "tariffs", "sanctions", "military exercises", "refugee flows", "grain exports",
        "embassy closure", "cyberattack", "peace talks", "aid package", "security pact", "election interference",
    ];

    static readonly string[] Syllables =
        ["ka", "lo", "mi", "ren", "dar", "vo", "sel", "ta", "nor", "bi", "ras", "el", "an", "to", "vik", "sa", "mar", "lun", "ge", "do", "fen", "ha", "zi", "pe"];

    // {A}: speaker country, {B}: target, {a}/{b}: demonyms, {capA}/{capB}: capitals, {topic}.
    static readonly string[] HostileClauses =
    [
        "{B} would face serious consequences if it did not withdraw its forces from the disputed area",
        "the {b} missile test was a reckless provocation that threatened the whole region",
        "{capA} was prepared to respond militarily to any aggression by {B}",
        "new sanctions on {b} banks and shipping companies would take effect next week",
        "{B} had repeatedly violated the ceasefire and could no longer be trusted",
        "the expulsion of {b} diplomats was a necessary answer to months of espionage",
        "{B} was spreading lies about the {topic} to hide its own responsibility",
        "troops would remain on high alert along the frontier with {B} until further notice",
        "the {b} government had crossed a red line and would be held accountable",
        "{A} condemned the seizure of its vessels by {b} forces as an act of piracy",
        "{B} was deliberately escalating the {topic} and risked a wider war",
        "any attempt by {B} to change the status quo by force would be met with a firm response",
    ];

    static readonly string[] NeutralClauses =
    [
        "talks with {B} on the {topic} would continue next month in a third country",
        "a delegation from {B} had arrived in {capA} for two days of consultations",
        "the government was still studying the latest proposal from {capB}",
        "officials from {A} and {B} had discussed the {topic} by telephone on Monday",
        "{A} was monitoring the situation along the border with {B} closely",
        "the next round of technical meetings with {B} had not yet been scheduled",
        "{A} had received a formal note from {B} about the {topic} and would reply in due course",
        "the ministers of {A} and {B} were expected to meet on the sidelines of the summit",
    ];

    static readonly string[] CooperativeClauses =
    [
        "{A} and {B} had signed an agreement to expand cooperation on energy and trade",
        "the aid package for {B} would be delivered before the winter",
        "relations with {B} had never been stronger and would deepen further",
        "{A} welcomed the decision by {B} to release the detained fishermen",
        "the joint commission with {B} had settled the {topic} after years of negotiation",
        "{A} would support {B} in its bid to host the next regional summit",
        "the new security pact with {B} would bring stability to the region",
        "{A} thanked {B} for its help in evacuating citizens from the conflict zone",
    ];

    static readonly string[] HostileQuotes =
    [
        "We will not tolerate any further provocation from {B}",
        "{B} has chosen confrontation, and it will bear the consequences",
        "Our patience with {capB} is running out",
        "This is an unacceptable violation of our sovereignty by {B}",
        "If {B} continues down this path, we will respond with all the means at our disposal",
    ];

    static readonly string[] NeutralQuotes =
    [
        "We are studying the proposal from {capB} carefully",
        "Our contacts with {B} continue at the working level",
        "The talks with {B} were long and detailed",
        "We expect to hear more from {capB} in the coming days",
    ];

    static readonly string[] CooperativeQuotes =
    [
        "Our friendship with {B} is stronger than ever",
        "This agreement with {B} opens a new chapter between our peoples",
        "We are grateful to {B} for its support",
        "We welcome the constructive approach that {capB} has taken",
        "Together with {B}, we will build a more secure region",
    ];

    static readonly string[] Filler =
    [
        "The meeting lasted about two hours and no joint statement was issued.",
        "Markets were little changed on the news.",
        "The statement did not give further details.",
        "Reporters were not allowed to ask questions after the briefing.",
        "The ministry did not respond to a request for comment.",
        "Shipping traffic in the area continued as normal on Tuesday, according to port officials.",
        "Analysts said the next few weeks would be decisive.",
        "The dispute dates back several decades and has flared up repeatedly.",
        "Local residents described hearing loud explosions late in the evening.",
        "Opposition parties criticised the handling of the crisis by the government.",
        "The figures could not be independently verified.",
        "Officials said more information would be released later in the week.",
        "Several hundred people gathered outside the parliament building to follow the debate.",
        "The talks took place behind closed doors at a hotel outside the city.",
        "Trade between the two countries fell by about a fifth last year, according to customs data.",
        "Weather conditions in the region have complicated the delivery of supplies.",
    ];

    readonly Random random;
    readonly List<Country> countries;
    readonly double[] cumulative;
    readonly DateTimeOffset anchor;
    readonly List<SyntheticArticle> produced = [];

    public SyntheticCorpus(IReadOnlyList<Country> gazetteer, int seed, DateTimeOffset anchor)
    {
        random = new Random(seed);
        this.anchor = anchor;
        var byCode = gazetteer.ToDictionary(c => c.Code);
        countries = Prominent.Where(byCode.ContainsKey).Select(c => byCode[c])
            .Concat(gazetteer.Where(c => !Prominent.Contains(c.Code)).OrderBy(c => c.Code, StringComparer.Ordinal))
            .ToList();
        // Zipf-like weights: the tenth country is in the news about a tenth as often as the first.
        cumulative = new double[countries.Count];
        double total = 0;
        for (var i = 0; i < countries.Count; i++) cumulative[i] = total += 1.0 / (i + 1);
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] /= total;
    }

    /// <summary>Countries from the gazetteer (seeds/gazetteer/world_countries.tsv) with a name, a capital and a demonym.</summary>
    public static List<Country> LoadGazetteer(string tsvPath)
    {
        var list = new List<Country>();
        foreach (var line in File.ReadLines(tsvPath).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 10 || f[1].Length != 3) continue;
            var capital = f[7].Split('|')[0];
            if (f[4].Length == 0 || capital.Length == 0 || f[8].Length == 0) continue;
            if (f[10] != "True" && f[1] != "TWN" && f[1] != "XKX" && f[1] != "PSE") continue;
            list.Add(new Country(f[1], f[4], capital, f[8]));
        }
        return list;
    }

    public IEnumerable<SyntheticArticle> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            SyntheticArticle article;
            if (produced.Count > 20 && random.NextDouble() < 0.05) article = Syndicate(produced[random.Next(produced.Count)]);
            else article = Original();
            produced.Add(article);
            yield return article;
        }
    }

    Country Draw()
    {
        var u = random.NextDouble();
        var i = Array.BinarySearch(cumulative, u);
        return countries[Math.Min(i < 0 ? ~i : i, countries.Count - 1)];
    }

    (Country A, Country B) DrawPair()
    {
        var a = Draw();
        Country b;
        do b = Draw(); while (b.Code == a.Code);
        return (a, b);
    }

    /// <summary>Each pair leans hostile, neutral or cooperative (stable per pair), so indices differ between pairs.</summary>
    static double[] Lean(Country a, Country b)
    {
        var key = string.CompareOrdinal(a.Code, b.Code) < 0 ? a.Code + b.Code : b.Code + a.Code;
        var h = 17;
        foreach (var c in key) h = h * 31 + c;
        return ((h & 0x7fffffff) % 3) switch
        {
            0 => [0.65, 0.25, 0.10],
            1 => [0.25, 0.45, 0.30],
            _ => [0.10, 0.30, 0.60],
        };
    }

    int Words()
    {
        // Log-normal with a median of about 600 words and a mean of about 700, clipped to 200..2,000.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return (int)Math.Clamp(Math.Exp(6.43 + 0.52 * normal), 200, 2000);
    }

    string Person()
    {
        string Name(int parts)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < parts; i++) sb.Append(Syllables[random.Next(Syllables.Length)]);
            sb[0] = char.ToUpperInvariant(sb[0]);
            return sb.ToString();
        }
        return $"{Name(2)} {Name(random.Next(2, 4))}";
    }

    T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    static string Fill(string template, Country a, Country b, string topic) => template
        .Replace("{A}", a.Name).Replace("{B}", b.Name).Replace("{a}", a.Demonym).Replace("{b}", b.Demonym)
        .Replace("{capA}", a.Capital).Replace("{capB}", b.Capital).Replace("{topic}", topic);

    string Statement(Country a, Country b, string topic, int tone)
    {
        var clause = Fill(Pick(tone switch { 0 => HostileClauses, 1 => NeutralClauses, _ => CooperativeClauses }), a, b, topic);
        var quote = Fill(Pick(tone switch { 0 => HostileQuotes, 1 => NeutralQuotes, _ => CooperativeQuotes }), a, b, topic);
        var person = Person();
        return random.Next(10) switch
        {
            0 => $"{a.Name}'s foreign minister, {person}, said {clause}.",
            1 => $"{a.Demonym} President {person} said on {Day()} that {clause}.",
            2 => $"\"{quote},\" {a.Name}'s foreign minister said.",
            3 => $"According to {a.Name}'s defence ministry, {clause}.",
            4 => $"\"{quote},\" said {person}, a spokesperson for the {a.Demonym} foreign ministry.",
            5 => $"Prime Minister {person} of {a.Name} told reporters in {a.Capital} that {clause}.",
            6 => $"Officials in {a.Capital} said {clause}.",
            7 => $"The {a.Demonym} ambassador to {b.Name}, {person}, warned that {clause}.",
            8 => $"{person}, an analyst at the {Pick(Institutes)}, said {clause}.",
            _ => $"\"{quote}. We have made our position clear,\" {a.Demonym} President {person} wrote on social media.",
        };
    }

    string Day() => Pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);

    SyntheticArticle Original()
    {
        var (a, b) = DrawPair();
        var lean = Lean(a, b);
        var topic = Pick(Topics);
        var words = Words();
        var statements = Math.Clamp((int)Math.Round(words / 21.0 + (random.NextDouble() - 0.5) * 6), 10, 60);
        var outlet = Pick(Outlets);
        var published = anchor.AddMinutes(-random.Next(0, 180 * 24 * 60));

        int Tone()
        {
            var u = random.NextDouble();
            return u < lean[0] ? 0 : u < lean[0] + lean[1] ? 1 : 2;
        }

        var sentences = new List<string>();
        var count = 0;
        for (var i = 0; i < statements; i++)
        {
            // Mostly the main pair, in both directions; sometimes a third country joins in.
            var (speaker, target) = random.Next(10) switch
            {
                < 5 => (a, b),
                < 8 => (b, a),
                8 => (Draw() is var c && c.Code != a.Code ? c : b, a),
                _ => (a, Draw() is var d && d.Code != a.Code ? d : b),
            };
            var sentence = Statement(speaker, target, topic, Tone());
            sentences.Add(sentence);
            count += WordCount(sentence);
        }
        var filler = new List<string>();
        while (count < words)
        {
            var sentence = Pick(Filler);
            filler.Add(sentence);
            count += WordCount(sentence);
        }
        // Spread the background sentences between the statements.
        foreach (var sentence in filler) sentences.Insert(random.Next(1, sentences.Count + 1), sentence);

        var body = new StringBuilder($"{a.Capital.ToUpperInvariant()} ({outlet}) - ");
        var inParagraph = 0;
        var paragraphLength = random.Next(2, 5);
        foreach (var sentence in sentences)
        {
            if (inParagraph == paragraphLength)
            {
                body.Append("\n\n");
                inParagraph = 0;
                paragraphLength = random.Next(2, 5);
            }
            else if (inParagraph > 0) body.Append(' ');
            body.Append(sentence);
            inParagraph++;
        }

        var title = random.Next(4) switch
        {
            0 => $"{a.Name} warns {b.Name} over {topic}",
            1 => $"{a.Name} and {b.Name} hold talks on {topic}",
            2 => $"{b.Name} rejects {a.Demonym} claims in {topic} row",
            _ => $"{a.Name}, {b.Name} reach deal on {topic}",
        };
        var slug = string.Join('-', title.ToLowerInvariant().Split(' ', ',', '\'').Where(w => w.Length > 0)).Replace("--", "-");
        var url = $"https://{Domain(outlet)}/world/{published:yyyy/MM}/{slug}-{produced.Count + 1}";
        return new SyntheticArticle(url, outlet, published, title, body.ToString(), false);
    }

    SyntheticArticle Syndicate(SyntheticArticle original)
    {
        var outlet = Pick(Outlets.Where(o => o != original.Outlet).ToArray());
        var body = original.Body.Replace($"({original.Outlet})", $"({outlet})");
        var published = original.PublishedAt.AddMinutes(random.Next(10, 600));
        var url = $"https://{Domain(outlet)}/wire/{published:yyyy/MM/dd}/story-{produced.Count + 1}";
        return new SyntheticArticle(url, outlet, published, original.Title, body, true);
    }

    static string Domain(string outlet) =>
        new string(outlet.ToLowerInvariant().Where(char.IsAsciiLetterLower).ToArray()) + ".example";

    public static int WordCount(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
