using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows;

namespace TenderConsortium.Core.Declarations;

/// <summary>
/// Takes a member's declaration from its link (web form, API) or from the lead on its behalf (<c>tender declare</c>):
/// checks the invitation and the deadline, validates every field, stores the new revision, then resumes the
/// member's bookmark so the workflow sends the receipt and counts the answer. The store is written first: if the
/// process dies before the resume, the declaration is kept and the deadline stage reads it from the store anyway.
/// </summary>
public sealed class DeclarationService(
    IInvitationStore invitations,
    IDeclarationStore declarations,
    IMatchingSource opportunities,
    WorkflowRuntime runtime,
    BidSignals signals,
    TimeProvider time,
    DeclarationReader? reader = null)
{
    private readonly DeclarationReader _reader = reader ?? new DeclarationReader();

    /// <summary>The invitation a link opens, or <see cref="InvitationRefusedException"/> for any link that opens nothing.</summary>
    public async Task<Invitation> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!InvitationToken.LooksValid(token)) throw new InvitationRefusedException();
        var invitation = await invitations.FindByTokenHashAsync(InvitationToken.Hash(token!), cancellationToken);
        if (invitation is null || invitation.RevokedAt is not null) throw new InvitationRefusedException();
        return invitation;
    }

    public async Task<MemberDeclarationView> ViewAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await AuthenticateAsync(token, cancellationToken);
        var (round, opportunity) = await ContextAsync(invitation, cancellationToken);
        var history = await declarations.HistoryAsync(invitation.OpportunityId, invitation.MemberId, cancellationToken);
        return new MemberDeclarationView(invitation, opportunity.Title, opportunity.Buyer.Name, opportunity, round,
            history.LastOrDefault(), history.Count, IsOpen(invitation, round, time.GetUtcNow()));
    }

    public Task<CapacityDeclaration> SubmitWithTokenAsync(string? token, string json, CancellationToken cancellationToken = default) =>
        SubmitWithTokenAsync(token, Text(json), cancellationToken);

    /// <summary>A declaration already in hand as a JSON value (the member's form builds one): read once, never through text.</summary>
    public Task<CapacityDeclaration> SubmitWithTokenAsync(string? token, JsonElement answer, CancellationToken cancellationToken = default) =>
        SubmitWithTokenAsync(token, Element(answer), cancellationToken);

    private async Task<CapacityDeclaration> SubmitWithTokenAsync(string? token, Reading read, CancellationToken cancellationToken)
    {
        var invitation = await AuthenticateAsync(token, cancellationToken);
        return await SubmitAsync(invitation, read, $"member:{invitation.MemberId}", cancellationToken);
    }

    /// <summary>How the answer is read against the invitation's opportunity and round.</summary>
    private delegate CapacityDeclaration Reading(Invitation invitation, Opportunities.Opportunity opportunity, DeclarationRound round);

    private Reading Text(string json) => (invitation, opportunity, round) => _reader.Read(json, invitation.OpportunityId, invitation.MemberId, opportunity, round);

    private Reading Element(JsonElement answer) => (invitation, opportunity, round) => _reader.Read(answer, invitation.OpportunityId, invitation.MemberId, opportunity, round);

    /// <summary>The lead (or an operator with access to the data folder) enters a member's declaration for it.</summary>
    public Task<CapacityDeclaration> SubmitForMemberAsync(string opportunityId, string memberId, string json, string actor,
        CancellationToken cancellationToken = default) =>
        SubmitForMemberAsync(opportunityId, memberId, Text(json), actor, cancellationToken);

    private async Task<CapacityDeclaration> SubmitForMemberAsync(string opportunityId, string memberId, Reading read, string actor,
        CancellationToken cancellationToken)
    {
        var opportunity = await opportunities.RequireOpportunityAsync(opportunityId, cancellationToken);
        var invitation = await invitations.FindAsync(opportunity.Id, memberId, cancellationToken)
                         ?? throw new BadInputException($"--member: member '{memberId}' was not invited to declare for '{opportunity.Opportunity.Title}'");
        if (invitation.RevokedAt is not null)
            throw new BadInputException($"--member: the invitation of '{invitation.MemberName}' was revoked on {DisplayTime.Current.DateAndTime(invitation.RevokedAt!.Value)}; reopen it first");
        return await SubmitAsync(invitation, read, actor, cancellationToken);
    }

    /// <summary>
    /// Resumes the member's bookmark with its latest stored declaration, under the same idempotency key the submission
    /// used: after a crash between storing and resuming, this finishes the job; if the resume had happened, it is a no-op.
    /// </summary>
    public async Task ReplayLatestAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default)
    {
        var latest = (await declarations.HistoryAsync(opportunityId, memberId, cancellationToken)).LastOrDefault();
        var invitation = await invitations.FindAsync(opportunityId, memberId, cancellationToken);
        if (latest is null || invitation is null) return;
        await runtime.ResumeAsync(invitation.InstanceId, DeclarationSignals.Declaration, memberId, SignalPayload(latest),
            $"declaration:{memberId}:{latest.Revision}", $"member:{memberId}", cancellationToken);
    }

    /// <summary>The lead moves the round's deadline (before it closed); members' links are extended with it.</summary>
    public async Task ExtendAsync(string opportunityId, DateTimeOffset until, string actor, CancellationToken cancellationToken = default)
    {
        var round = await OpenRoundAsync(opportunityId, cancellationToken);
        if (until <= time.GetUtcNow()) throw new BadInputException($"--until: {DisplayTime.Current.DateAndTime(until)} is in the past; expected a future date and time");
        await RoundSignalAsync(round, new JsonObject { ["action"] = "extend", ["until"] = until.ToString("O") }, actor, cancellationToken);
    }

    /// <summary>The lead closes the round now, e.g. when the members it waited for said they will not answer.</summary>
    public async Task CloseAsync(string opportunityId, string actor, CancellationToken cancellationToken = default) =>
        await RoundSignalAsync(await OpenRoundAsync(opportunityId, cancellationToken), new JsonObject { ["action"] = "close" }, actor, cancellationToken);

    public async Task RevokeAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default)
    {
        var opportunity = await FindAsync(opportunityId, cancellationToken);
        if (!await invitations.RevokeAsync(opportunity, memberId, time.GetUtcNow(), cancellationToken))
            throw new BadInputException($"--member: member '{memberId}' was not invited to declare for this opportunity");
    }

    /// <summary>
    /// Lets one member declare (again) until <paramref name="until"/>, also after the round closed or its link was
    /// revoked; a declaration after the close is kept for the lead to re-run the allocation with.
    /// </summary>
    public async Task ReopenAsync(string opportunityId, string memberId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var opportunity = await FindAsync(opportunityId, cancellationToken);
        if (until <= time.GetUtcNow()) throw new BadInputException($"--until: {DisplayTime.Current.DateAndTime(until)} is in the past; expected a future date and time");
        if (!await invitations.ReopenAsync(opportunity, memberId, until, cancellationToken))
            throw new BadInputException($"--member: member '{memberId}' was not invited to declare for this opportunity");
    }

    private async Task<string> FindAsync(string opportunityId, CancellationToken cancellationToken) =>
        (await opportunities.RequireOpportunityAsync(opportunityId, cancellationToken)).Id;

    private async Task<DeclarationRound> OpenRoundAsync(string opportunityId, CancellationToken cancellationToken)
    {
        var id = await FindAsync(opportunityId, cancellationToken);
        var round = await invitations.RoundAsync(id, cancellationToken)
                    ?? throw new BadInputException("opportunity: no members have been invited to declare for it yet");
        if (round.ClosedAt is { } closed)
            throw new BadInputException($"declarations closed on {DisplayTime.Current.DateAndTime(closed)}; reopen them for a member instead");
        return round;
    }

    private Task RoundSignalAsync(DeclarationRound round, JsonObject payload, string actor, CancellationToken cancellationToken) =>
        signals.SendAsync(round.OpportunityId, DeclarationSignals.Round, round.OpportunityId, payload, null, actor, "collecting declarations", cancellationToken);

    private async Task<CapacityDeclaration> SubmitAsync(Invitation invitation, Reading read, string actor, CancellationToken cancellationToken)
    {
        var (round, opportunity) = await ContextAsync(invitation, cancellationToken);
        var now = time.GetUtcNow();
        var open = IsOpen(invitation, round, now);
        var latest = (await declarations.HistoryAsync(invitation.OpportunityId, invitation.MemberId, cancellationToken)).LastOrDefault();
        // Read once; input that does not read is reported after the deadline check, as before.
        CapacityDeclaration? answer = null;
        BadInputException? invalid = null;
        try
        {
            answer = read(invitation, opportunity, round);
        }
        catch (BadInputException ex)
        {
            invalid = ex;
        }

        if (latest is not null && answer is not null && Content(answer) == Content(latest))
        {
            // A phone that lost the answer sends the same declaration again: that is not a new revision, and it is
            // accepted even after the round closed (e.g. early, because this very answer was the last one awaited).
            if (open && round.ClosedAt is null) await ResumeAsync(invitation, latest, actor, cancellationToken);
            return latest;
        }

        if (!open)
        {
            var closed = round.ClosedAt is { } c && c < invitation.ExpiresAt ? c : invitation.ExpiresAt;
            throw new DeclarationClosedException(
                $"Declarations for \"{opportunity.Title}\" closed on {DisplayTime.Current.DateAndTime(closed)}, so this declaration was not accepted. " +
                "If you still want to take part, ask the consortium lead to reopen declarations for you.");
        }

        if (invalid is not null) throw invalid;
        var saved = await declarations.SaveAsync(answer! with { SubmittedAt = now }, cancellationToken);
        if (round.ClosedAt is null) await ResumeAsync(invitation, saved, actor, cancellationToken);
        return saved;
    }

    /// <summary>The idempotency key is per revision, so resuming again for a stored revision is a no-op.</summary>
    private Task ResumeAsync(Invitation invitation, CapacityDeclaration declaration, string actor, CancellationToken cancellationToken) =>
        runtime.ResumeAsync(invitation.InstanceId, DeclarationSignals.Declaration, invitation.MemberId, SignalPayload(declaration),
            $"declaration:{invitation.MemberId}:{declaration.Revision}", actor, cancellationToken);

    /// <summary>What a declaration says, without its revision and time: equal for the same answer sent again.</summary>
    private static string Content(CapacityDeclaration declaration) =>
        JsonSerializer.Serialize(declaration with { Revision = 0, SubmittedAt = default });

    private static JsonObject SignalPayload(CapacityDeclaration declaration) => new()
    {
        ["revision"] = declaration.Revision,
        ["declined"] = declaration.Declined,
        ["lots"] = new JsonArray(declaration.Lots.Select(l => (JsonNode)JsonValue.Create(l.LotId)).ToArray()),
    };

    /// <summary>
    /// Open while the member's link is valid and the round has not closed — unless the lead reopened this member's
    /// link after the round closed (its expiry is then later than the closing time).
    /// </summary>
    private static bool IsOpen(Invitation invitation, DeclarationRound round, DateTimeOffset now) =>
        invitation.IsOpenAt(now) && (round.ClosedAt is not { } closed || invitation.ExpiresAt > closed);

    private async Task<(DeclarationRound Round, Opportunities.Opportunity Opportunity)> ContextAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var round = await invitations.RoundAsync(invitation.OpportunityId, cancellationToken)
                    ?? throw new InvalidOperationException($"invitation for {invitation.OpportunityId} has no declaration round");
        var opportunity = await opportunities.FindOpportunityAsync(invitation.OpportunityId, cancellationToken)
                          ?? throw new InvalidOperationException($"invitation for {invitation.OpportunityId} points at a missing opportunity");
        return (round, opportunity.Opportunity);
    }
}
