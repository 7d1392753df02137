using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// An awarded contract in delivery: who delivers what at which price, its reporting periods, the members' returns,
/// their invoices to the lead, the lead's invoices to the buyer and every payment. Changed only through the guarded
/// methods below, so a return for a lot a member does not deliver, an invoice without a return, a changed invoice
/// already paid, or the same payment recorded twice cannot happen through any door.
/// </summary>
public sealed class DeliveryContract
{
    private readonly List<DeliveryReturn> _returns;
    private readonly List<MemberInvoice> _memberInvoices;
    private readonly List<BuyerInvoice> _buyerInvoices;

    private DeliveryContract(string id, string bidId, string opportunityId, string consortiumId, string title, string buyer, string? leadEmail, PeriodLength periodLength,
        IReadOnlyList<DeliveryPeriod> periods, IReadOnlyList<ContractMember> members, decimal managementFeeRate, int paymentDays, DateTimeOffset startedAt, string startedBy,
        Guid? instanceId, IEnumerable<DeliveryReturn> returns, IEnumerable<MemberInvoice> memberInvoices, IEnumerable<BuyerInvoice> buyerInvoices, long concurrency)
    {
        Id = id;
        BidId = bidId;
        OpportunityId = opportunityId;
        ConsortiumId = consortiumId;
        Title = title;
        Buyer = buyer;
        LeadEmail = leadEmail;
        PeriodLength = periodLength;
        Periods = periods;
        Members = members;
        ManagementFeeRate = managementFeeRate;
        PaymentDays = paymentDays;
        StartedAt = startedAt;
        StartedBy = startedBy;
        InstanceId = instanceId;
        _returns = returns.ToList();
        _memberInvoices = memberInvoices.ToList();
        _buyerInvoices = buyerInvoices.ToList();
        Concurrency = concurrency;
    }

    public string Id { get; }

    public string BidId { get; }

    public string OpportunityId { get; }

    public string ConsortiumId { get; }

    /// <summary>The notice's title, as reports and emails name the contract.</summary>
    public string Title { get; }

    public string Buyer { get; }

    public string? LeadEmail { get; }

    public PeriodLength PeriodLength { get; }

    public IReadOnlyList<DeliveryPeriod> Periods { get; }

    public IReadOnlyList<ContractMember> Members { get; }

    /// <summary>The lead's top-slice as a fraction (0.05 for 5%), added to the members' total on the buyer's invoice.</summary>
    public decimal ManagementFeeRate { get; }

    /// <summary>Days from receipt of a valid invoice, flowed down from the main contract (30).</summary>
    public int PaymentDays { get; }

    public DateTimeOffset StartedAt { get; }

    public string StartedBy { get; }

    /// <summary>The delivery workflow watching this contract's due dates; null until it is started.</summary>
    public Guid? InstanceId { get; private set; }

    public IReadOnlyList<DeliveryReturn> Returns => _returns;

    public IReadOnlyList<MemberInvoice> MemberInvoices => _memberInvoices;

    public IReadOnlyList<BuyerInvoice> BuyerInvoices => _buyerInvoices;

    public long Concurrency { get; }

    public static DeliveryContract Start(string bidId, string opportunityId, string consortiumId, string title, string buyer, string? leadEmail, PeriodLength periodLength,
        IReadOnlyList<DeliveryPeriod> periods, IReadOnlyList<ContractMember> members, decimal managementFeeRate, int paymentDays, DateTimeOffset now, string actor)
    {
        if (members.Count == 0 || members.All(m => m.Lines.Count == 0))
            throw new ProblemException("bid", ProblemCode.Conflict, "no member holds a sub-contract in an awarded lot, so there is nothing to deliver");
        if (periods.Count == 0) throw new ProblemException("contractPeriod", ProblemCode.Invalid, "the contract has no delivery periods");
        if (managementFeeRate is < 0m or > 0.5m)
            throw new ProblemException("managementFee", ProblemCode.Invalid, "enter a management fee from 0% to 50%");
        if (paymentDays is < 1 or > 60) throw new ProblemException("paymentDays", ProblemCode.Invalid, "enter payment terms from 1 to 60 days");
        return new DeliveryContract(Guid.NewGuid().ToString("N"), bidId, opportunityId, consortiumId, title, buyer, leadEmail, periodLength, periods, members,
            managementFeeRate, paymentDays, now, actor, null, [], [], [], 0);
    }

    /// <summary>Rebuilds a stored contract (persistence only).</summary>
    public static DeliveryContract Restore(string id, string bidId, string opportunityId, string consortiumId, string title, string buyer, string? leadEmail,
        PeriodLength periodLength, IReadOnlyList<DeliveryPeriod> periods, IReadOnlyList<ContractMember> members, decimal managementFeeRate, int paymentDays,
        DateTimeOffset startedAt, string startedBy, Guid? instanceId, IEnumerable<DeliveryReturn> returns, IEnumerable<MemberInvoice> memberInvoices,
        IEnumerable<BuyerInvoice> buyerInvoices, long concurrency) =>
        new(id, bidId, opportunityId, consortiumId, title, buyer, leadEmail, periodLength, periods, members, managementFeeRate, paymentDays, startedAt, startedBy, instanceId,
            returns, memberInvoices, buyerInvoices, concurrency);

    public void AttachInstance(Guid instanceId)
    {
        if (InstanceId == instanceId) return;
        if (InstanceId is not null)
            throw new ProblemException("contract", ProblemCode.Conflict, "this contract's delivery is already watched by another workflow");
        InstanceId = instanceId;
    }

    public DeliveryPeriod Period(int number) =>
        Periods.FirstOrDefault(p => p.Number == number)
        ?? throw new ProblemException("period", ProblemCode.Invalid, $"the contract has periods 1 to {Periods.Count}; there is no period {number}");

    /// <summary>The period a day falls in; the last one after the end, the first before the start.</summary>
    public DeliveryPeriod PeriodOn(DateOnly day) =>
        Periods.FirstOrDefault(p => p.Contains(day)) ?? (day < Periods[0].Start ? Periods[0] : Periods[^1]);

    public ContractMember Member(string memberId) =>
        Members.FirstOrDefault(m => m.MemberId == memberId)
        ?? throw new ProblemException("member", ProblemCode.NotFound, $"member {memberId} has no sub-contract in this contract");

    public DeliveryReturn? Return(int period, string memberId) => _returns.FirstOrDefault(r => r.Period == period && r.MemberId == memberId);

    public MemberInvoice? MemberInvoice(int period, string memberId) => _memberInvoices.FirstOrDefault(i => i.Period == period && i.MemberId == memberId);

    public BuyerInvoice? BuyerInvoice(int period) => _buyerInvoices.FirstOrDefault(i => i.Period == period);

    public Invoice Invoice(string id) =>
        (Invoice?)_memberInvoices.FirstOrDefault(i => i.Id == id) ?? _buyerInvoices.FirstOrDefault(i => i.Id == id)
        ?? throw new ProblemException("invoice", ProblemCode.NotFound, $"no invoice {id} in this contract");

    public IEnumerable<Invoice> AllInvoices => _memberInvoices.Cast<Invoice>().Concat(_buyerInvoices);

    /// <summary>
    /// A member's return for a period: outputs in its own lots, social value, evidence. Sent again unchanged it is
    /// the same revision; changed before the invoice is paid it is a new revision and the invoice follows it.
    /// </summary>
    public DeliveryReturn SubmitReturn(int period, string memberId, IReadOnlyList<OutputLine> outputs, IReadOnlyList<SocialValueDelivered> socialValue,
        string? evidence, DateTimeOffset at, string by)
    {
        var p = Period(period);
        var member = Member(memberId);
        if (DateOnly.FromDateTime(at.UtcDateTime) < p.Start)
            throw new ProblemException("period", ProblemCode.Invalid, $"period {period} starts on {DeliveryText.Day(p.Start)}; send its return once delivery has begun");
        var problems = new List<Problem>();
        foreach (var (line, i) in outputs.Select((o, i) => (o, i)))
        {
            if (member.Line(line.LotId) is null)
                problems.Add(new Problem($"outputs[{i}].lot", ProblemCode.Invalid,
                    $"{member.Name} delivers {Wording.Lots(member.Lines.Select(l => l.LotId))}, not lot {line.LotId}"));
            if (line.Quantity < 0m || decimal.Round(line.Quantity, 2) != line.Quantity)
                problems.Add(new Problem($"outputs[{i}].quantity", ProblemCode.Invalid, "enter what was delivered as a number of zero or more, with at most two decimals"));
        }

        if (outputs.GroupBy(o => o.LotId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            problems.Add(new Problem("outputs", ProblemCode.Invalid, $"lot {twice.Key} is given twice; give each lot once"));
        foreach (var (sv, i) in socialValue.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(sv.MeasureId))
                problems.Add(new Problem($"socialValue[{i}].measure", ProblemCode.Invalid, "name the social-value measure, e.g. SV01"));
            if (sv.Quantity < 0m) problems.Add(new Problem($"socialValue[{i}].quantity", ProblemCode.Invalid, "enter a quantity of zero or more"));
        }

        if (evidence?.Length > 2000) problems.Add(new Problem("evidence", ProblemCode.Invalid, "enter at most 2,000 characters of evidence notes"));
        if (problems.Count > 0) throw new ProblemException(problems);

        var units = member.Commitments.ToDictionary(c => c.MeasureId, c => c.Unit, StringComparer.OrdinalIgnoreCase);
        var cleanSocialValue = socialValue
            .Select(s => new SocialValueDelivered(s.MeasureId.Trim().ToUpperInvariant(), s.Quantity, units.GetValueOrDefault(s.MeasureId.Trim(), s.Unit ?? "")))
            .ToList();
        var previous = Return(period, memberId);
        var cleanEvidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        if (previous is not null && Same(previous, outputs, cleanSocialValue, cleanEvidence)) return previous;
        var invoice = MemberInvoice(period, memberId);
        if (invoice is not null && BuyerInvoice(period) is not null)
            throw new ProblemException("return", ProblemCode.Conflict, $"period {period} is already invoiced to the buyer; the return can no longer change");
        invoice?.Recompute(Amount(member, outputs));
        var updated = new DeliveryReturn(period, memberId, outputs.ToList(), cleanSocialValue, cleanEvidence, (previous?.Revision ?? 0) + 1, at, by);
        _returns.RemoveAll(r => r.Period == period && r.MemberId == memberId);
        _returns.Add(updated);
        return updated;
    }

    /// <summary>The member's invoice for a period, computed from its return; raising it again returns the first.</summary>
    public MemberInvoice RaiseMemberInvoice(int period, string memberId, DateOnly receivedOn)
    {
        var member = Member(memberId);
        if (MemberInvoice(period, memberId) is { } existing) return existing;
        var delivered = Return(period, memberId)
                        ?? throw new ProblemException("return", ProblemCode.Conflict, $"{member.Name} has sent no return for period {period}; its invoice follows the return");
        if (receivedOn < Period(period).Start)
            throw new ProblemException("date", ProblemCode.Invalid, $"period {period} starts on {DeliveryText.Day(Period(period).Start)}; an invoice for it cannot be earlier");
        var number = Members.Select((m, i) => (m, i)).First(x => x.m.MemberId == memberId).i + 1;
        var invoice = Delivery.MemberInvoice.Raise(period, number, memberId, Amount(member, delivered.Outputs), receivedOn, PaymentDays);
        _memberInvoices.Add(invoice);
        return invoice;
    }

    public MemberInvoice AdjustMemberInvoice(string invoiceId, decimal amount, string reason)
    {
        var invoice = _memberInvoices.FirstOrDefault(i => i.Id == invoiceId)
                      ?? throw new ProblemException("invoice", ProblemCode.NotFound, $"no member invoice {invoiceId} in this contract");
        if (BuyerInvoice(invoice.Period) is not null)
            throw new ProblemException("invoice", ProblemCode.Conflict, $"period {invoice.Period} is already invoiced to the buyer; member invoice {invoiceId} can no longer change");
        invoice.Adjust(amount, reason);
        return invoice;
    }

    /// <summary>The lead's invoice to the buyer: the period's member invoices plus the management fee. Raising it again returns the first.</summary>
    public BuyerInvoice RaiseBuyerInvoice(int period, DateOnly issuedOn)
    {
        Period(period);
        if (BuyerInvoice(period) is { } existing) return existing;
        var invoices = _memberInvoices.Where(i => i.Period == period).ToList();
        if (invoices.Count == 0)
            throw new ProblemException("period", ProblemCode.Conflict, $"no member has invoiced period {period} yet; the buyer's invoice is built from theirs");
        var membersTotal = invoices.Sum(i => i.Amount);
        var fee = decimal.Round(membersTotal * ManagementFeeRate, 2, MidpointRounding.AwayFromZero);
        var invoice = Delivery.BuyerInvoice.Raise(period, membersTotal, fee, issuedOn, PaymentDays);
        _buyerInvoices.Add(invoice);
        return invoice;
    }

    /// <summary>Records a payment on an invoice; false when it was already recorded (the same reference, day and amount).</summary>
    public bool RecordPayment(string invoiceId, DateOnly paidOn, decimal amount, string reference, DateTimeOffset at, string by) =>
        Invoice(invoiceId).RecordPayment(paidOn, amount, reference, at, by);

    /// <summary>Outputs × the agreed price per unit, to the penny.</summary>
    public static decimal Amount(ContractMember member, IEnumerable<OutputLine> outputs) =>
        decimal.Round(outputs.Sum(o => o.Quantity * (member.Line(o.LotId)?.PricePerUnit ?? 0m)), 2, MidpointRounding.AwayFromZero);

    private static bool Same(DeliveryReturn r, IReadOnlyList<OutputLine> outputs, IReadOnlyList<SocialValueDelivered> socialValue, string? evidence) =>
        r.Outputs.SequenceEqual(outputs) && r.SocialValue.SequenceEqual(socialValue) && r.Evidence == evidence;
}
