using System.Collections.Immutable;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// What a reader remembers after each sentence, in reading order: who spoke and who was named last, the leaders by role,
/// the speakers and institutions named recently (for "the ministry said"), and the names learnt (a surname after the full
/// name, a body's initials). Immutable: every sentence read gives a new state.
/// </summary>
sealed record DiscourseState
{
    public static readonly DiscourseState Empty = new();

    public Speaker? LastPerson { get; init; }
    public Speaker? LastSpeaker { get; init; }
    public Speaker? LastOrganisation { get; init; }
    public string? LastCountry { get; init; }

    /// <summary>The head of state and the minister last named, for a later "the president" or "the minister".</summary>
    public Speaker? LastHeadOfState { get; init; }
    public Speaker? LastMinister { get; init; }

    public Speaker? LeaderFor(string role) => role switch
    {
        SpeakerRoles.HeadOfState => LastHeadOfState,
        SpeakerRoles.Minister => LastMinister,
        _ => null,
    };

    /// <summary>The last <see cref="RecentKept"/> speakers and named institutions in reading order, for "the ministry said".</summary>
    public ImmutableArray<Speaker> Recent { get; init; } = [];

    /// <summary>How far back "the ministry" and "a spokesperson for the mission" look.</summary>
    public const int RecentKept = 12;

    /// <summary>A surname, full-name key or body's initials -> who it names.</summary>
    public KnownNames Names { get; init; } = KnownNames.None;

    public DiscourseState Mentioned(Speaker institution) => this with { Recent = Keep(Recent, institution) };

    static ImmutableArray<Speaker> Keep(ImmutableArray<Speaker> recent, Speaker next)
    {
        int from = recent.Length < RecentKept ? 0 : 1;
        return [.. recent.AsSpan(from, recent.Length - from), next];
    }

    /// <summary>After a sentence with a speaker: the last speaker, person or organisation, and the leader of its role.</summary>
    public DiscourseState Heard(Speaker sp)
    {
        var next = this with
        {
            Recent = Keep(Recent, sp),
            LastSpeaker = sp,
            LastPerson = sp.IsPerson ? sp : LastPerson,
            LastOrganisation = sp.IsPerson ? LastOrganisation : sp,
        };
        if (sp.IsPerson && sp.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister) next = next.WithLeader(sp.Role, sp);
        if (!sp.IsPerson && sp.Country is not null) next = next.RememberInitials(sp);
        return next;
    }

    /// <summary>A head of state or minister named: the one a later "the president" or "the minister" refers to.</summary>
    public DiscourseState WithLeader(string role, Speaker leader) => role switch
    {
        SpeakerRoles.HeadOfState => this with { LastHeadOfState = leader },
        SpeakerRoles.Minister => this with { LastMinister = leader },
        _ => this,
    };

    /// <summary>A person's full name, and "Petro" after "Gustavo Petro", and "Guo" after "Guo Jiakun" (family name first).</summary>
    public DiscourseState Remember(Speaker sp)
    {
        var key = Tokens.Key(sp.Text);
        if (key.Length == 0) return this;
        if (sp.Country is null && Names.Contains(key)) return this;
        // where the name stood is never read back (a reference takes the place it is found at), and without it a speaker
        // named again is the one known, so the names stay as they are
        sp = sp with { TokFrom = 0, TokTo = 0 };
        var names = Names.With(key, sp);
        var parts = key.Split(' ');
        if (parts[^1].Length > 2) names = names.With(parts[^1], sp);
        if (parts.Length > 1 && parts[0].Length > 1 && !names.Contains(parts[0])) names = names.With(parts[0], sp);
        return names == Names ? this : this with { Names = names };
    }

    /// <summary>"India's Border Security Force said ..." then "a BSF spokesman said": a body that spoke for its state is
    /// known by the initials of its capitalised name (after any possessive), at least three words long ("Ministry of External
    /// Affairs" is "MEA").</summary>
    public DiscourseState RememberInitials(Speaker sp)
    {
        var toks = Tokens.Tokenize(sp.Text);
        int from = toks.FindLastIndex(x => x.Kind == TokenKind.Possessive) + 1;
        var initials = new System.Text.StringBuilder();
        for (int i = from; i < toks.Count; i++)
            if (toks[i].IsWord && toks[i].Norm is "of" or "for" or "and" or "the") continue;
            else if (toks[i].IsWord && toks[i].Cap) initials.Append(toks[i].Norm[0]);
            else if (toks[i].IsWord) return this;
        var key = initials.ToString();
        return initials.Length >= 3 && !Names.Contains(key) ? this with { Names = Names.With(key, sp) } : this;
    }
}

/// <summary>
/// The names an article has taught, newest first: a persistent list, so remembering a name shares everything known before
/// (an article teaches a few dozen names; looking one up walks them).
/// </summary>
sealed class KnownNames
{
    public static readonly KnownNames None = new(null, 0, null!, null);

    readonly string? _key;
    readonly int _hash; // compared first, so a lookup walks integers and reads a string only on a likely match
    readonly Speaker _speaker;
    readonly KnownNames? _older;

    KnownNames(string? key, int hash, Speaker speaker, KnownNames? older) => (_key, _hash, _speaker, _older) = (key, hash, speaker, older);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Speaker speaker)
    {
        int hash = key.GetHashCode();
        for (var n = this; n._key is not null; n = n._older!)
            if (n._hash == hash && string.Equals(n._key, key, StringComparison.Ordinal)) { speaker = n._speaker; return true; }
        speaker = null;
        return false;
    }

    public bool Contains(string key) => TryGetValue(key, out _);

    /// <summary>The names with <paramref name="key"/> naming <paramref name="speaker"/>: this one when it already does.</summary>
    public KnownNames With(string key, Speaker speaker) =>
        TryGetValue(key, out var known) && known == speaker ? this : new KnownNames(key, key.GetHashCode(), speaker, this);
}
