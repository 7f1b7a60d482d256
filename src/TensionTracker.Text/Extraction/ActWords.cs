namespace TensionTracker.Text.Extraction;

/// <summary>The words of narrated acts: the verbs and phrasal verbs of the acts event coders code (CAMEO's common English
/// forms), and the words that make a phrase a state's armed forces.</summary>
static class ActWords
{
    /// <summary>Offers, threats, demands, complaints, protests, expulsions, sanctions, visits, attacks, troop moves, aid and
    /// agreements, as finite verbs (past, present, and the base form after an auxiliary).</summary>
    public static readonly HashSet<string> ActVerbs = new(StringComparer.Ordinal)
    {
        "offered", "offers", "offer", "threatened", "threatens", "threaten", "demanded", "demands", "demand", "complained",
        "complains", "complain", "protested", "protests", "protest", "expelled", "expels", "expel", "ordered", "orders",
        "sanctioned", "sanctions", "sanction", "imposed", "imposes", "impose", "banned", "bans", "ban", "barred", "bars",
        "suspended", "suspends", "froze", "freezes", "cut", "cuts", "halted", "halts", "recalled", "recalls", "summoned",
        "summons", "visited", "visits", "visit", "toured", "tours", "arrived", "arrives", "travelled", "traveled", "travels",
        "flew", "flies", "attacked", "attacks", "attack", "struck",
        "strikes", "strike", "bombed", "bombs", "bomb", "shelled", "shells", "raided", "raids", "invaded", "invades", "invade",
        "fired", "fires", "pounded", "pounds", "seized", "seizes", "captured", "captures", "occupied", "occupies", "launched",
        "launches", "targeted", "targets", "shot", "downed", "killed", "kills", "deployed", "deploys", "deploy", "sent",
        "sends", "send", "moved", "moves", "massed", "masses", "dispatched", "dispatches", "stationed", "mobilised",
        "mobilized", "withdrew", "withdraws", "entered", "enters", "crossed", "crosses", "landed", "lands", "pledged",
        "pledges", "pledge", "donated", "donates", "provided", "provides", "provide", "granted", "grants", "gave", "gives",
        "supplied", "supplies", "promised", "promises", "lent", "lends", "loaned", "delivered", "delivers", "agreed", "agrees",
        "agree", "signed", "signs", "sign", "reached", "reaches", "concluded", "ratified", "renewed", "restored", "restores",
        "normalised", "normalized", "established", "recognised", "recognized", "recognises", "recognizes", "resumed",
        "resumes", "reopened", "reopens", "closed", "closes", "blocked", "blocks", "accused", "accuses", "condemned",
        "condemns", "warned", "warns", "urged", "urges", "rejected", "rejects", "welcomed", "welcomes", "backed", "backs",
        "supported", "supports", "helped", "helps", "extradited", "deported", "detained", "arrested", "released", "freed",
        // attacks, troop moves and withdrawals in wire forms
        "hit", "hits", "sank", "sinks", "rocketed", "ambushed", "overran", "stormed", "torpedoed", "intercepted", "violated",
        "besieged", "bombarded", "infiltrated", "advanced", "clashed", "reinforced", "amassed", "evacuated", "quit",
        "airlifted", "shipped", "extended", "initialled", "initialed", "sealed", "settled", "declared",
        // meetings, appeals, praise and criticism, refusals, as narrated
        "met", "meets", "meet", "appealed", "appeals", "appeal", "asked", "asks",
        "praised", "praises", "praise", "hailed", "hails", "commended", "commends", "lauded", "thanked", "thanks",
        "congratulated", "congratulates", "criticised", "criticized", "criticises", "criticizes", "criticise", "criticize",
        "denounced", "denounces", "slammed", "slams", "rebuked", "rebukes", "censured", "decried", "deplored", "blamed",
        "blames", "rebuffed", "rebuffs", "refused", "refuses", "dismissed", "spurned", "vetoed", "snubbed", "boycotted",
        // more of the CAMEO dictionary's common forms: ruptures, legal action, restrictions, coercion, force, aid, apologies
        "severed", "severs", "downgraded", "scrapped", "annulled", "revoked", "abrogated", "terminated", "ended", "sued",
        "stopped", "slapped", "tightened", "restricted", "curbed", "embargoed", "blockaded", "annexed", "nationalised",
        "nationalized", "expropriated", "confiscated", "kidnapped", "abducted", "assassinated", "executed", "jailed",
        "sentenced", "rammed", "boarded", "destroyed", "demolished", "harassed", "buzzed", "shadowed", "escorted",
        "patrolled", "rolled", "rushed", "left", "docked", "ferried", "stepped", "repatriated", "apologised",
        "apologized", "apologises", "apologizes", "forgave", "invited", "accepted", "armed", "trained", "funded", "financed", "sold", "lifted", "eased", "tested",
        // exchanges, and a parliament's or cabinet's decisions ("voted to authorise", "approved sanctions", "adopted the EU's sanctions")
        "exchanged", "swapped", "voted", "approved", "authorised", "authorized", "adopted", "endorsed",
    };

    /// <summary>Acts that happen on the other state's ground (strikes, troop moves, visits, aid brought): the place or capital
    /// they happen in ("arrived in Monrovia", "crossed into South Ossetia") names the state they are toward.</summary>
    public static readonly HashSet<string> TerritorialVerbs = new(StringComparer.Ordinal)
    {
        "visited", "visits", "toured", "arrived", "arrives", "travelled", "traveled", "flew", "attacked", "struck", "bombed",
        "shelled", "raided", "invaded", "fired", "pounded", "seized", "captured", "occupied", "launched", "hit", "deployed",
        "sent", "moved", "massed", "dispatched", "stationed", "withdrew", "entered", "crossed", "landed", "delivered",
        "rocketed", "stormed", "infiltrated", "advanced", "amassed", "airlifted", "shipped", "rolled", "rushed", "left",
        "docked", "ferried", "stepped", "destroyed", "patrolled", "pulled", "made", "paid", "began", "completed",
    };

    /// <summary>Acts named by a verb and the word after it: "took control of", "held talks with", "called on", "pulled out
    /// of", "shook hands", "made a stop in", "paid a visit to", "put its forces on alert".</summary>
    public static bool PhrasalAct(List<Token> t, int v)
    {
        bool Next(Func<string, bool> word, int within)
        {
            for (int k = v + 1; k < t.Count && k <= v + within && t[k].IsWord; k++) if (word(t[k].Norm)) return true;
            return false;
        }
        return t[v].Norm switch
        {
            "took" or "takes" => Next(w => w is "control" or "over", 1),
            "held" or "holds" => Next(w => w is "talks" or "meeting" or "meetings" or "consultations" or "discussions" or "drills" or "exercises", 3),
            "called" or "calls" => Next(w => w is "on" or "for", 1),
            "pulled" or "pulls" => Next(w => w is "out" or "back", 1),
            "shook" => Next(w => w is "hands", 1),
            "made" or "makes" or "paid" or "pays" => Next(w => w is "stop" or "visit" or "trip", 4),
            "put" or "puts" or "placed" => Next(w => w is "alert", 5),
            // "broke off relations with", "tore up a pact", "handed over the peninsula", "blew up the office"
            "broke" or "breaks" => Next(w => w is "off" or "relations" or "ties", 3),
            "tore" or "tears" or "ripped" => Next(w => w is "up", 1),
            "handed" or "hands" or "turned" => Next(w => w is "over" or "back", 3),
            "blew" => Next(w => w is "up", 1),
            "filed" or "files" or "brought" or "lodged" => Next(w => w is "case" or "lawsuit" or "suit" or "complaint", 3),
            "opened" or "opens" => Next(w => w is "fire", 1),
            // "gave the ambassador 72 hours to leave": an ultimatum
            "gave" or "gives" => Next(w => w is "hours" or "days" or "weeks" or "deadline" or "ultimatum", 6),
            // "began pulling back", "completed the withdrawal of its troops", "began war games": the act is the noun or gerund
            "began" or "begins" or "started" or "starts" or "completed" or "completes" or "conducted" or "staged" => Next(w =>
                w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5 || w is "withdrawal" or "pullout" or "pull" or "drills"
                or "exercises" or "games" or "offensive" or "operations" or "evacuation" or "deployment" or "blockade" or "visit" or "tour", 3),
            // "passed a resolution calling on", "began a state visit to"
            "passed" or "passes" => Next(w => w is "resolution" or "law" or "bill" or "motion", 3),
            "test" => v + 1 < t.Count && t[v + 1].Hyphenated && t[v + 1].Norm is "fired" or "fires" or "launched",
            _ => false,
        };
    }

    /// <summary>Words after a state's name that make the phrase its armed forces: "Serb forces", "American warships".</summary>
    public static bool IsForce(string norm) => norm is "forces" or "force" or "troops" or "soldiers" or "army" or "navy" or "military"
        or "warships" or "warplanes" or "jets" or "aircraft" or "planes" or "drones" or "artillery" or "tanks" or "gunboats"
        or "militia" or "militias" or "marines" or "paratroopers" or "units" or "coast" or "police" or "bombers" or "fighters"
        or "helicopters" or "gunships" or "missiles" or "rockets" or "warship" or "submarine" or "submarines" or "frigates"
        or "destroyers" or "vessels" or "ships" or "boats" or "commandos" or "battalions" or "divisions" or "brigades"
        or "guards" or "shells" or "armour" or "armor" or "airstrikes" or "artillerymen" or "infantry" or "convoy" or "convoys"
        or "peacekeepers" or "personnel" or "sailors" or "fleet" or "plane" or "jet" or "helicopter" or "ship" or "vessel"
        or "boat" or "drone" or "missile" or "bomber" or "officers" or "carrier" or "warplane";

    /// <summary>Words between a demonym and its forces: "Israeli helicopter gunships", "American B-52 bombers", "Iraqi troops
    /// and tanks".</summary>
    public static bool ForceModifier(Token x) => x.IsWord && (x.Cap || x.Hyphenated || IsForce(x.Norm) || x.Norm is "the" or "and"
        or "helicopter" or "fighter" or "naval" or "border" or "armoured" or "armored" or "special" or "ground" or "air" or "elite"
        or "government" or "regular" or "combat" or "attack" or "cruise" or "ballistic" or "patrol" or "navy" or "army" or "missile"
        || x.Norm.Length > 0 && char.IsAsciiDigit(x.Norm[0]));
}
