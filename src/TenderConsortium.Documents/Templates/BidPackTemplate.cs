namespace TenderConsortium.Documents.Templates;

/// <summary>The shipped templates/bid-pack.docx: every section of DESIGN.md §8, each generated part behind a placeholder.</summary>
public static class BidPackTemplate
{
    public const string FileName = "bid-pack.docx";

    /// <summary>Placeholders a bid-pack template must keep: without them a section the adviser checks would be missing.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "consortium.name", "opportunity.title", "cover.opening", "governance.operatingModel", "governance.leadAuthority",
        "governance.decisionMaking", "governance.membershipChanges", "each member in members", "each lot in lots",
        "each share in lot.shares", "each criterion in criteria", "each measure in socialValue.measures",
        "each risk in risks", "spd.leadAnswers", "spd.leadSubcontracted", "spd.reliedOn", "each row in spd.members", "pricing.total", "each check in checks.items",
    ];

    public static byte[] Create()
    {
        var b = new WordTemplateBuilder();
        b.Title("Tender submission");
        b.Paragraph(WordTemplateBuilder.Plain("Bidder: ", bold: true), b.Field("consortium.leadName"), WordTemplateBuilder.Plain(" for the consortium "), b.Field("consortium.name"));
        b.Paragraph(WordTemplateBuilder.Plain("Opportunity: ", bold: true), b.Field("opportunity.title"));
        b.Paragraph(WordTemplateBuilder.Plain("Buyer: ", bold: true), b.Field("opportunity.buyer"), WordTemplateBuilder.Plain(" · reference "), b.Field("opportunity.reference"),
            WordTemplateBuilder.Plain(" · OCID "), b.Field("opportunity.ocid"));
        b.Paragraph(WordTemplateBuilder.Plain("Deadline: ", bold: true), b.Field("opportunity.deadline"), WordTemplateBuilder.Plain(" · value "), b.Field("opportunity.value"),
            WordTemplateBuilder.Plain(" · contract "), b.Field("opportunity.period"));

        b.Heading(1, "1. Cover letter");
        b.Paragraph(b.Field("cover.date"));
        b.Paragraph(WordTemplateBuilder.Plain("To: "), b.Field("opportunity.buyer"));
        b.Paragraph("Dear Sir or Madam,");
        b.Block("cover.opening");
        b.Block("cover.offer");
        b.Paragraph("The lots of this bid:");
        b.Repeat("each lot in lots", r => r.Paragraph(WordTemplateBuilder.Plain("Lot "), r.Field("lot.id"), WordTemplateBuilder.Plain(": "), r.Field("lot.title", bold: true),
            WordTemplateBuilder.Plain(" — "), r.Field("lot.coverage")));
        b.Block("cover.closing");
        b.Paragraph("Yours faithfully,");
        b.Paragraph(b.Field("consortium.signatory"), WordTemplateBuilder.Plain(", "), b.Field("consortium.leadName"));

        b.Heading(1, "2. Consortium structure and governance");
        b.Heading(2, "Operating model");
        b.Block("governance.operatingModel");
        b.Heading(2, "Lead authority");
        b.Block("governance.leadAuthority");
        b.Heading(2, "Members");
        b.Table([("Member", 2500), ("Legal form", 1400), ("Registration", 1500), ("Asset lock", 900), ("Contact", 2538), ("Lots", 800)], "each member in members",
            [b.Field("member.name")], [b.Field("member.legalForm")], [b.Field("member.registration")], [b.Field("member.assetLock")], [b.Field("member.contact")], [b.Field("member.lots")]);
        b.Heading(2, "Decision making");
        b.Block("governance.decisionMaking");
        b.Heading(2, "Membership changes");
        b.Block("governance.membershipChanges");

        b.Heading(1, "3. Delivery model");
        b.Repeat("each lot in lots", r =>
        {
            r.Heading(2, WordTemplateBuilder.Plain("Lot "), r.Field("lot.id"), WordTemplateBuilder.Plain(": "), r.Field("lot.title"));
            r.Block("lot.summary");
            r.Paragraph(WordTemplateBuilder.Plain("Coverage: "), r.Field("lot.coverage"));
            r.Table([("Member", 1700), ("Volume", 1100), ("Share", 800), ("Areas", 1300), ("From", 1200), ("Staff and key roles", 1400), ("Why this share", 2138)], "each share in lot.shares",
                [r.Field("share.member")], [r.Field("share.volume")], [r.Field("share.percent")], [r.Field("share.areas")], [r.Field("share.from")], [r.Field("share.staff")], [r.Field("share.why")]);
        });

        b.Heading(1, "4. Member capability statements");
        b.Repeat("each member in members", r =>
        {
            r.Heading(2, r.Field("member.name"));
            r.Paragraph(r.Field("member.legalForm"), WordTemplateBuilder.Plain(", registration "), r.Field("member.registration"), WordTemplateBuilder.Plain(". Staff: "),
                r.Field("member.staff"), WordTemplateBuilder.Plain(". Serves: "), r.Field("member.areas"), WordTemplateBuilder.Plain("."));
            r.Paragraph(WordTemplateBuilder.Plain("Certifications: "), r.Field("member.certifications"));
            r.Block("member.statement");
        });

        b.Heading(1, "5. Compliance matrix");
        b.Paragraph("Every award and selection criterion of the notice, and the section of this pack that answers it.");
        b.Table([("Criterion", 2750), ("Kind", 1150), ("Lot", 800), ("Weight", 1000), ("Answered in", 2000), ("Why there", 1938)], "each criterion in criteria",
            [b.Field("criterion.criterion")], [b.Field("criterion.kind")], [b.Field("criterion.lot")], [b.Field("criterion.weight")], [b.Field("criterion.section")], [b.Field("criterion.reason")]);

        b.Heading(1, "6. Social value and community benefits");
        b.Block("socialValue.introduction");
        b.Heading(2, "Totals per measure");
        b.Table([("Measure", 1300), ("Description", 3600), ("Total", 900), ("Unit", 1300), ("Delivered by", 2538)], "each measure in socialValue.measures",
            [b.Field("measure.measure")], [b.Field("measure.description")], [b.Field("measure.total")], [b.Field("measure.unit")], [b.Field("measure.attribution")]);
        b.Heading(2, "Commitments by member");
        b.Table([("Member", 2400), ("Measure", 1150), ("Quantity", 1150), ("Unit", 1400), ("Lots", 1000), ("Note", 2538)], "each commitment in socialValue.commitments",
            [b.Field("commitment.member")], [b.Field("commitment.measure")], [b.Field("commitment.quantity")], [b.Field("commitment.unit")], [b.Field("commitment.lots")], [b.Field("commitment.note")]);

        b.Heading(1, "7. Risk register");
        b.Table([("Risk", 2000), ("Likelihood", 1250), ("Impact", 900), ("Mitigation", 4188), ("Owner", 1300)], "each risk in risks",
            [b.Field("risk.risk")], [b.Field("risk.likelihood")], [b.Field("risk.impact")], [b.Field("risk.mitigation")], [b.Field("risk.owner")]);

        b.Heading(1, "8. SPD checklist");
        b.Paragraph(Core.BidPacks.SpdWords.WhatItIs);
        b.Heading(2, "The lead body: the single bidder (its own Parts II–IV)");
        b.Paragraph(WordTemplateBuilder.Plain("Role: ", bold: true), b.Field("spd.leadRole"));
        b.Paragraph(WordTemplateBuilder.Plain("Its answers: ", bold: true), b.Field("spd.leadAnswers"));
        b.Paragraph(WordTemplateBuilder.Plain("Sub-contracting: ", bold: true), b.Field("spd.leadSubcontracted"));
        b.Heading(2, "Sub-contractors relied on (Parts II.C and II.D)");
        b.Paragraph(b.Field("spd.reliedOn"));
        b.Heading(2, "What each sub-contractor supplies");
        b.Table([("Member", 1500), ("Identity (II.A–B)", 1200), ("Exclusion grounds (III)", 1300), ("Turnover and insurance (IV)", 1300), ("Invoices paid on time (4C.4)", 1300), ("Share sub-contracted (4C.10)", 1500), ("Missing", 1538)], "each row in spd.members",
            [b.Field("row.member")], [b.Field("row.partTwo")], [b.Field("row.partThree")], [b.Field("row.partFour")], [b.Field("row.promptPayment")], [b.Field("row.subcontracted")], [b.Field("row.missing")]);

        b.Heading(1, "9. Pricing summary");
        b.Block("pricing.note");
        b.Table([("Lot", 900), ("Title", 3638), ("Members' prices", 1700), ("Management fee", 1700), ("Lot price", 1700)], "each lot in pricing.lots",
            [b.Field("lot.lot")], [b.Field("lot.title")], [b.Field("lot.members")], [b.Field("lot.fee")], [b.Field("lot.total")]);
        b.Paragraph(WordTemplateBuilder.Plain("All lots: members' prices ", bold: true), b.Field("pricing.members", bold: true), WordTemplateBuilder.Plain(" + management fee ", bold: true),
            b.Field("pricing.fee", bold: true), WordTemplateBuilder.Plain(" = total bid price ", bold: true), b.Field("pricing.total", bold: true));

        b.Heading(1, "Appendix A. Automatic checks");
        b.Block("checks.summary");
        b.Table([("Check", 2600), ("Result", 1000), ("What was found", 6038)], "each check in checks.items",
            [b.Field("check.check")], [b.Field("check.result", bold: true)], [b.Field("check.detail")]);
        return b.Build("Bid pack template", "consortium.name");
    }
}
