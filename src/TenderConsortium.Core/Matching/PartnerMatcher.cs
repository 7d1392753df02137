using System.Numerics;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// Scores every lot of an opportunity against the registry and explains itself (docs/matching.md). <see cref="Match"/>
/// reads only the index postings a lot can need and stops once the shortlist, the exclusions and the coverage are
/// settled; <see cref="FullScan"/> evaluates every member. Both share one evaluation, so they give identical results.
/// </summary>
public sealed class PartnerMatcher(MemberIndex index, MatchingOptions? options = null)
{
    private static readonly CpvCloseness[] Levels = [CpvCloseness.Exact, CpvCloseness.Category, CpvCloseness.Class, CpvCloseness.Group, CpvCloseness.Division];
    private readonly MatchingOptions _options = options ?? MatchingOptions.Default;

    // Conflicts on members' profiles make any member a possible exclusion, so the search must not skip them.
    private readonly bool _profileConflicts = index.Members.Any(m => m.Member.Conflicts.Count > 0);

    public MatchResult Match(string opportunityId, Opportunity opportunity, MatchContext? context = null) =>
        Run(opportunityId, opportunity, context ?? MatchContext.Empty, MatchLotIndexed);

    public MatchResult FullScan(string opportunityId, Opportunity opportunity, MatchContext? context = null) =>
        Run(opportunityId, opportunity, context ?? MatchContext.Empty, MatchLotFullScan);

    /// <summary>Lots are independent, so they are matched in parallel; each lot's answer is deterministic on its own.</summary>
    private MatchResult Run(string id, Opportunity opportunity, MatchContext context, Func<LotQuery, MatchContext, LotMatch> matchLot)
    {
        var lots = new LotMatch[opportunity.Lots.Count];
        Parallel.For(0, lots.Length, i => lots[i] = matchLot(new LotQuery(index, opportunity, opportunity.Lots[i], _options, context), context));
        return new MatchResult(id, opportunity.Title, lots);
    }

    private LotMatch MatchLotFullScan(LotQuery query, MatchContext context)
    {
        var outcome = new LotOutcome(query, _options);
        for (var ordinal = 0; ordinal < index.Count; ordinal++)
        {
            if (Evaluate(ordinal, query, context) is { } evaluation) outcome.Offer(evaluation, index.Members[ordinal].Member, keepAllExclusions: true);
        }

        return outcome.Finish(index, sortExclusions: true, o => Evaluate(o, query, context, explain: true)!);
    }

    private LotMatch MatchLotIndexed(LotQuery query, MatchContext context)
    {
        var outcome = new LotOutcome(query, _options);
        var places = PlaceSet(query);
        var holders = HolderSet(query);
        var rest = _options.PlaceWeight + _options.CertificationWeight + _options.SizeWeight + _options.RotationWeight;

        // Groups by CPV closeness, closest first, then members related by text alone: the order exclusions are listed in.
        // Members sharing more digits also share fewer, so a group is its level's postings less the level above; sets
        // are built only for groups that are read, which spares the largest (division, text) most of the time.
        var levels = Levels.Where(l => l >= _options.MinCpvLevel).ToList();
        var levelSets = new Dictionary<CpvCloseness, OrdinalSet>();
        OrdinalSet LevelSet(CpvCloseness level)
        {
            if (levelSets.TryGetValue(level, out var cached)) return cached;
            var set = new OrdinalSet(index.Count);
            foreach (var code in query.Codes) set.AddAll(index.WithCpvPrefix(code, (int)level));
            return levelSets[level] = set;
        }

        OrdinalSet Group(int position)
        {
            OrdinalSet set;
            if (position < levels.Count)
            {
                set = OrdinalSet.Copy(LevelSet(levels[position]));
                if (position > 0) set.ExceptWith(LevelSet(levels[position - 1]));
                return set;
            }

            set = new OrdinalSet(index.Count);
            foreach (var term in query.RequiredTerms) set.AddAll(index.WithTerm(term));
            if (levels.Count > 0) set.ExceptWith(LevelSet(levels[^1]));
            return set;
        }

        var canFailInArea = query.Requirements.Mandatory.Count > 0 || context.Conflicts.Count > 0 || _profileConflicts;
        var lotMask = LotMask(query);
        for (var position = 0; position <= levels.Count; position++)
        {
            var level = position < levels.Count ? levels[position] : CpvCloseness.None;
            var bound = _options.CpvWeight * _options.CpvScore(level) + _options.TextWeight + rest;
            var outsideOnly = false;
            if (!outcome.NeedsCandidatesBelow(bound) && !outcome.NeedsCoverage && !(outcome.NeedsExclusions && canFailInArea))
            {
                // Only members outside the lot's places can still be listed, as excluded.
                if (!outcome.NeedsExclusions || places is null) continue;
                outsideOnly = true;
            }

            var members = Group(position);
            if (outsideOnly) members.ExceptWith(places!);

            // Once nobody else can be excluded, only members in the lot's places remain of interest.
            if (!outcome.NeedsExclusions && places is not null) members.IntersectWith(places);
            foreach (var ordinal in members.Ordinals())
            {
                var inArea = places?.Contains(ordinal) ?? true;
                var needExclusions = outcome.NeedsExclusions;
                if (!inArea && !needExclusions) continue;
                double? cutoff = null;
                if (inArea)
                {
                    // A member matters if it may enter the shortlist, may be excluded (while the list of exclusions is
                    // open) or may close a coverage gap (which needs the mandatory certifications).
                    var member = index.Members[ordinal];
                    var mayFail = needExclusions && MayFail(member, query, context);
                    var mayCover = outcome.NeedsCoverage && (holders is null || holders.Contains(ordinal)) && outcome.CouldCover(member.Member);
                    if (!outcome.NeedsCandidatesBelow(bound))
                    {
                        if (!mayFail && !mayCover) continue;
                    }
                    else if (!mayFail && !mayCover)
                    {
                        if (holders is not null && !holders.Contains(ordinal)) continue;
                        cutoff = outcome.Cutoff;
                        if (cutoff is { } least && lotMask is not null && UpperBound(ordinal, level, query, lotMask.Value) + 0.001 < least) continue;
                    }
                }

                if (Evaluate(ordinal, query, context, cutoff: cutoff) is { } evaluation) outcome.Offer(evaluation, index.Members[ordinal].Member, keepAllExclusions: false);
            }
        }

        return outcome.Finish(index, sortExclusions: false, o => Evaluate(o, query, context, explain: true)!);
    }

    /// <summary>
    /// The most a member of a group can score, from its terms and its area bits only (certifications, size and rotation
    /// assumed perfect): the test that lets most members of a large group be passed over without reading their profile.
    /// </summary>
    private double UpperBound(int ordinal, CpvCloseness level, LotQuery query, (ulong Councils, bool Scotland, int Count) lot)
    {
        var o = _options;
        var matched = 0.0;
        foreach (var term in index.Terms[ordinal])
            if (term < query.TermIdf.Length) matched += query.TermIdf[term];
        var text = query.TotalIdf > 0 ? matched / query.TotalIdf : 0;
        var mask = index.AreaMasks[ordinal];
        double place;
        if (lot.Count == 0) place = 1;
        else if ((mask & MemberIndex.ScotlandBit) != 0) place = 1;
        else
        {
            var councils = BitOperations.PopCount(mask & lot.Councils);
            place = (councils + (lot.Scotland ? Math.Min(1, BitOperations.PopCount(mask & MemberIndex.CouncilMask) / (double)ScottishPlaces.Default.Councils.Count) : 0)) / lot.Count;
        }

        return o.CpvWeight * o.CpvScore(level) + o.TextWeight * text + o.PlaceWeight * place + o.CertificationWeight + o.SizeWeight + o.RotationWeight;
    }

    /// <summary>The lot's places as area bits; null when it names a region outside Scotland (then bounds read the profile).</summary>
    private static (ulong Councils, bool Scotland, int Count)? LotMask(LotQuery query)
    {
        var councils = 0UL;
        var scotland = false;
        foreach (var place in query.Places)
        {
            var bit = MemberIndex.AreaBit(place);
            if (bit == MemberIndex.OtherBit) return null;
            if (bit == MemberIndex.ScotlandBit) scotland = true;
            else councils |= bit;
        }

        return (councils, scotland, query.Places.Length);
    }

    /// <summary>A cheap test, before evaluating, of whether an in-area member can fail a hard rule.</summary>
    private static bool MayFail(MatchMember candidate, LotQuery query, MatchContext context)
    {
        var member = candidate.Member;
        foreach (var requirement in query.Requirements.Mandatory)
            if (!member.Certifications.Any(c => c.Kind == requirement.Kind && c.IsValidOn(query.CheckDay))) return true;
        return member.Conflicts.Count > 0 || (context.Conflicts.Count > 0 && context.Conflicts.ContainsKey(candidate.Id));
    }

    /// <summary>Members serving at least one of the lot's places; null when the lot names none (then place does not filter).</summary>
    private OrdinalSet? PlaceSet(LotQuery query)
    {
        if (query.Places.Length == 0) return null;
        var set = new OrdinalSet(index.Count);
        foreach (var place in query.Places)
        {
            if (place.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase)) set.AddAll(index.AnyScottish);
            else if (MemberIndex.IsScottish(place))
            {
                set.AddAll(index.InArea(place));
                set.AddAll(index.InArea(ScottishPlaces.ScotlandCode));
            }
            else
            {
                foreach (var area in index.AreaCodes.Where(a => !MemberIndex.IsScottish(a) && PrefixRelated(a, place)))
                    set.AddAll(index.InArea(area));
            }
        }

        return set;
    }

    private OrdinalSet? HolderSet(LotQuery query)
    {
        OrdinalSet? set = null;
        foreach (var requirement in query.Requirements.Mandatory)
        {
            var holders = OrdinalSet.Of(index.Count, index.Holding(requirement.Kind));
            if (set is null) set = holders;
            else set.IntersectWith(holders);
        }

        return set;
    }

    /// <summary>
    /// Null when the member is not relevant to the lot (no CPV relation, too little text in common). Words are built
    /// only when <paramref name="explain"/>: scoring thousands of members must not pay for reasons nobody reads, and
    /// the few that are listed are evaluated again with their reasons (the same code, so the same score).
    /// </summary>
    /// <param name="cutoff">When given, a member whose score cannot reach it is dropped after the cheap signals (null).</param>
    private MemberEvaluation? Evaluate(int ordinal, LotQuery query, MatchContext context, bool explain = false, double? cutoff = null)
    {
        var (id, member) = (index.Members[ordinal].Id, index.Members[ordinal].Member);
        var o = _options;

        var closeness = CpvCloseness.None;
        var (bestLot, bestMember) = ("", "");
        foreach (var lotCode in query.Codes)
        {
            foreach (var code in member.Cpv)
            {
                var c = CpvRelations.Closeness(lotCode, code);
                if (c > closeness) (closeness, bestLot, bestMember) = (c, lotCode, code);
            }
        }

        if (closeness < o.MinCpvLevel) closeness = CpvCloseness.None;
        var matched = 0.0;
        foreach (var term in index.Terms[ordinal])
            if (term < query.TermIdf.Length) matched += query.TermIdf[term];
        var text = query.TotalIdf > 0 ? matched / query.TotalIdf : 0;
        var relevant = closeness != CpvCloseness.None || (text > 0 && text >= o.TextOnlyMin);
        if (!relevant) return null;

        var reasons = explain ? new List<string>() : null;
        var failures = explain ? new List<string>() : null;
        var failed = false;
        var failedPlace = false;
        if (explain && closeness != CpvCloseness.None) reasons!.Add(ReasonText.Cpv(bestLot, bestMember, closeness));
        if (explain && matched > 0)
        {
            var words = index.Terms[ordinal].Where(t => t < query.TermIdf.Length && query.TermIdf[t] > 0)
                .OrderByDescending(t => query.TermIdf[t]).ThenBy(t => t).Take(3).Select(index.Word);
            reasons!.Add(ReasonText.Text(words));
        }

        // Place: the share of the lot's places served; a member serving none of them is excluded.
        var served = explain ? new List<string>() : null;
        var councils = explain ? new List<string>() : null;
        var (placeScore, servedCount) = Place(member, query, served, councils);
        if (cutoff is { } least && o.CpvWeight * o.CpvScore(closeness) + o.TextWeight * text + o.PlaceWeight * placeScore
            + o.CertificationWeight + o.SizeWeight + o.RotationWeight + 0.001 < least)
            return null;
        if (query.Places.Length > 0 && servedCount == 0)
        {
            failed = true;
            failedPlace = true;
            failures?.Add(ReasonText.DoesNotServe(query.Places.Select(query.PlaceName).ToList()));
        }
        else if (explain && query.Places.Length > 0)
        {
            reasons!.Add(councils!.Count > 0 && served!.Count == 1
                ? ReasonText.ServesPartOfScotland(councils.Select(query.PlaceName).ToList())
                : ReasonText.Serves(served!.Select(query.PlaceName).ToList()));
        }

        // Conflicts of interest with this buyer: standing ones on the member's profile, and those declared for this bid.
        var declared = context.Conflicts.Count > 0 && context.Conflicts.TryGetValue(id, out var buyers) ? buyers : [];
        if (member.Conflicts.Concat(declared)
            .Any(b => b.Trim().Equals(query.Buyer.Name, StringComparison.OrdinalIgnoreCase) || (query.Buyer.Id is { } bid && b.Trim().Equals(bid, StringComparison.OrdinalIgnoreCase))))
        {
            failed = true;
            failures?.Add(ReasonText.Conflict(query.Buyer.Name));
        }

        // Certifications: mandatory ones must be valid on the deadline; favoured ones add to the score.
        var asked = query.Requirements.Mandatory.Count + query.Requirements.Favoured.Count;
        var held = 0;
        foreach (var requirement in query.Requirements.Mandatory)
        {
            var (any, valid, latest) = Holding(member, requirement.Kind, query.CheckDay);
            if (valid)
            {
                held++;
                reasons?.Add(ReasonText.Holds(requirement.Kind));
                continue;
            }

            failed = true;
            failures?.Add(any
                ? ReasonText.ExpiredCertification(requirement.Kind, latest!.Value, query.CheckDay, query.IsDeadline)
                : ReasonText.MissingCertification(requirement));
        }

        foreach (var kind in query.Requirements.Favoured)
        {
            if (!Holding(member, kind, query.CheckDay).Valid) continue;
            held++;
            reasons?.Add(ReasonText.Holds(kind));
        }

        var certificationScore = asked == 0 ? 1 : (double)held / asked;

        // A turnover minimum is not asked of members: in the lead-partner model the lead body is the bidder, so it is a
        // consortium check (LotMatch.ConsortiumChecks), and a small member delivering part of the lot is not excluded.

        // Size: the largest contract the member takes on against the lot value (a small member can still deliver part).
        var sizeScore = 1.0;
        var capacity = member.MaxContractValue?.Amount ?? member.AnnualTurnover?.Amount;
        if (query.Value is > 0 and { } value)
        {
            if (capacity is null) sizeScore = 0.5;
            else if (capacity >= value) reasons?.Add(ReasonText.SizeFits(capacity.Value, value));
            else
            {
                sizeScore = (double)(capacity.Value / value);
                reasons?.Add(ReasonText.SizePart(capacity.Value, value));
            }
        }

        // Rotation: fewer recent invitations and awards lift a member.
        var rotation = 1.0;
        if (context.Rotation.Count > 0)
        {
            var history = context.Rotation.GetValueOrDefault(id) ?? new RotationHistory(0, 0);
            rotation = 1 / (1 + history.Invitations + o.AwardFactor * history.Awards);
            reasons?.Add(ReasonText.Rotation(history));
        }

        var score = o.CpvWeight * o.CpvScore(closeness) + o.TextWeight * text + o.PlaceWeight * placeScore
                    + o.CertificationWeight * certificationScore + o.SizeWeight * sizeScore + o.RotationWeight * rotation;
        return new MemberEvaluation
        {
            Ordinal = ordinal,
            Closeness = closeness,
            Score = Math.Round(score, 3, MidpointRounding.AwayFromZero),
            Failed = failed,
            FailedPlace = failedPlace,
            Reasons = reasons ?? [],
            Failures = failures ?? [],
        };
    }

    private static (bool Any, bool Valid, DateOnly? Latest) Holding(Member member, CertificationKind kind, DateOnly day)
    {
        var (any, valid, latest) = (false, false, (DateOnly?)null);
        foreach (var certification in member.Certifications)
        {
            if (certification.Kind != kind) continue;
            any = true;
            valid |= certification.IsValidOn(day);
            if (certification.Expires is { } expires && (latest is null || expires > latest)) latest = expires;
        }

        return (any, valid, latest);
    }

    /// <summary>
    /// The share of the lot's places the member serves, and how many it serves. "Anywhere in Scotland" on either side
    /// serves every Scottish place; a lot for all of Scotland is served in part by each council a member covers; other
    /// regions match by ITL prefix. The lists, when given, receive the places served and (for a lot for all of
    /// Scotland) the member's councils.
    /// </summary>
    internal static (double Score, int Served) Place(Member member, LotQuery query, List<string>? served, List<string>? councils)
    {
        if (query.Places.Length == 0) return (1, 0);
        var areas = member.ServiceAreas;
        var everywhere = Contains(areas, ScottishPlaces.ScotlandCode);
        var total = 0.0;
        var count = 0;
        foreach (var place in query.Places)
        {
            if (place.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase))
            {
                if (everywhere) total += 1;
                else
                {
                    var mine = 0;
                    foreach (var area in areas)
                    {
                        if (!area.StartsWith("S12", StringComparison.OrdinalIgnoreCase)) continue;
                        mine++;
                        councils?.Add(area);
                    }

                    if (mine == 0) continue;
                    total += Math.Min(1, mine / (double)ScottishPlaces.Default.Councils.Count);
                }
            }
            else if (MemberIndex.IsScottish(place))
            {
                if (!everywhere && !Contains(areas, place)) continue;
                total += 1;
            }
            else
            {
                if (!areas.Any(a => !MemberIndex.IsScottish(a) && PrefixRelated(a, place))) continue;
                total += 1;
            }

            count++;
            served?.Add(place);
        }

        return (total / query.Places.Length, count);
    }

    private static bool Contains(IReadOnlyList<string> areas, string code)
    {
        foreach (var area in areas)
            if (area.Equals(code, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool PrefixRelated(string a, string b) =>
        a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects a lot's shortlist, exclusions and coverage as evaluations arrive.</summary>
    private sealed class LotOutcome(LotQuery query, MatchingOptions options)
    {
        private readonly List<MemberEvaluation> _candidates = [];
        private readonly List<MemberEvaluation> _excluded = [];
        private readonly HashSet<string> _coveredCodes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _coveredPlaces = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _councils = new(StringComparer.OrdinalIgnoreCase);

        // Members that do relevant work but serve none of the lot's places: they explain a CPV gap truthfully.
        private readonly List<Member> _outsidePlaces = [];
        private int _eligible;

        public bool NeedsExclusions => _excluded.Count < options.MaxExcluded;

        public bool NeedsCoverage => _coveredCodes.Count < query.Codes.Length || _coveredPlaces.Count < query.Places.Length;

        /// <summary>False when the shortlist is full and no member scoring at most <paramref name="bound"/> can enter it.</summary>
        public bool NeedsCandidatesBelow(double bound) =>
            options.MaxCandidates > 0 && (_candidates.Count < options.MaxCandidates || bound + 0.001 >= _candidates[^1].Score);

        /// <summary>The score a member must reach to enter the full shortlist; null while it has room.</summary>
        public double? Cutoff => _candidates.Count >= options.MaxCandidates && options.MaxCandidates > 0 ? _candidates[^1].Score : null;

        public bool CouldCover(Member member) =>
            query.Codes.Any(code => !_coveredCodes.Contains(code) && member.Cpv.Any(m => CpvRelations.Covers(m, code)))
            || (query.Places.Length > 0 && _coveredPlaces.Count < query.Places.Length);

        public void Offer(MemberEvaluation evaluation, Member member, bool keepAllExclusions)
        {
            if (evaluation.Failed)
            {
                if (evaluation.FailedPlace) _outsidePlaces.Add(member);
                if (keepAllExclusions || NeedsExclusions) _excluded.Add(evaluation);
                return;
            }

            if (evaluation.Score < options.MinScore) return;
            _eligible++;
            if (NeedsCoverage) Cover(member);

            // Best first; equal scores by ordinal (member-id order), so the ranking is deterministic.
            var at = _candidates.FindIndex(c => c.Score < evaluation.Score || (c.Score == evaluation.Score && c.Ordinal > evaluation.Ordinal));
            if (at < 0) at = _candidates.Count;
            if (at >= options.MaxCandidates) return;
            _candidates.Insert(at, evaluation);
            if (_candidates.Count > options.MaxCandidates) _candidates.RemoveAt(_candidates.Count - 1);
        }

        /// <summary>Marks the lot codes and places an eligible member covers (the union over eligible members is the consortium's coverage).</summary>
        private void Cover(Member member)
        {
            foreach (var code in query.Codes)
                if (member.Cpv.Any(m => CpvRelations.Covers(m, code))) _coveredCodes.Add(code);
            var served = new List<string>();
            var councils = new List<string>();
            Place(member, query, served, councils);
            foreach (var place in served)
                if (!place.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase) || councils.Count == 0) _coveredPlaces.Add(place);
            _councils.UnionWith(councils);
            if (_councils.Count >= ScottishPlaces.Default.Councils.Count) _coveredPlaces.Add(ScottishPlaces.ScotlandCode);
        }

        public LotMatch Finish(MemberIndex index, bool sortExclusions, Func<int, MemberEvaluation> explain)
        {
            IEnumerable<MemberEvaluation> excluded = _excluded;
            if (sortExclusions) excluded = excluded.OrderByDescending(e => e.Closeness).ThenBy(e => e.Ordinal);
            var lotId = query.Lot.Id;
            var gaps = new List<string>();
            if (_eligible == 0) gaps.Add(ReasonText.NoEligibleMember(lotId));
            var uncoveredPlaces = query.Places.Where(p => !_coveredPlaces.Contains(p)).Select(query.PlaceName).ToList();
            var placeExplained = false;
            foreach (var code in query.Codes.Where(c => !_coveredCodes.Contains(c)))
            {
                var doers = _outsidePlaces.Count(m => m.Cpv.Any(own => CpvRelations.Covers(own, code)));
                if (doers > 0 && uncoveredPlaces.Count > 0)
                {
                    gaps.Add(ReasonText.DoWorkElsewhere(doers, code, uncoveredPlaces, lotId));
                    placeExplained = true;
                }
                else gaps.Add(ReasonText.NoCpvCover(code, lotId));
            }

            if (!placeExplained) gaps.AddRange(uncoveredPlaces.Select(p => ReasonText.NoPlaceCover(p, lotId)));
            var requirements = query.Requirements.Mandatory.Select(ReasonText.Required).ToList();
            var checks = new List<string>();
            if (query.Requirements.MinimumTurnover is { } minimum) checks.Add(ReasonText.TurnoverRequired(minimum));
            checks.AddRange(query.Requirements.Insurance.Select(ReasonText.InsuranceRequired));
            return new LotMatch(
                lotId,
                query.Lot.Title,
                requirements,
                _candidates.Select(c => new MatchCandidate(index.Members[c.Ordinal].Id, index.Members[c.Ordinal].Member.Name, c.Score, explain(c.Ordinal).Reasons)).ToList(),
                excluded.Take(options.MaxExcluded).Select(e => new MatchExclusion(index.Members[e.Ordinal].Id, index.Members[e.Ordinal].Member.Name, explain(e.Ordinal).Failures)).ToList(),
                gaps)
            {
                ConsortiumChecks = checks,
            };
        }
    }
}
