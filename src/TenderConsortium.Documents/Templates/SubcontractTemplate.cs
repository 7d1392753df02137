namespace TenderConsortium.Documents.Templates;

/// <summary>The shipped templates/subcontract.docx: one sub-contract per awarded member.</summary>
public static class SubcontractTemplate
{
    public const string FileName = "subcontract.docx";

    /// <summary>Placeholders a sub-contract template must keep; the payment clause above all.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "consortium.leadName", "member.name", "each line in subcontract.lines", "subcontract.total", "each kpi in subcontract.kpis",
        "clauses.price", "clauses.payment", "clauses.monitoring", "each commitment in subcontract.socialValue", "clauses.variation", "clauses.exit",
        "clauses.insurance", "clauses.safeguarding", "clauses.dataProtection", "clauses.tupe", "clauses.stepIn", "clauses.governingLaw",
    ];

    // The engine-written clauses after the schedules, each under its own numbered heading.
    private static readonly (string Heading, string Path)[] ClauseSections =
    [
        ("7. Variation", "clauses.variation"), ("8. Withdrawal and exit", "clauses.exit"), ("9. Insurance", "clauses.insurance"),
        ("10. Safeguarding", "clauses.safeguarding"), ("11. Data protection", "clauses.dataProtection"), ("12. Staff transfer (TUPE)", "clauses.tupe"),
        ("13. Step-in on the Member's failure", "clauses.stepIn"), ("14. Governing law", "clauses.governingLaw"),
    ];

    private static void ClauseSection(WordTemplateBuilder b, string heading, string path)
    {
        b.Heading(1, heading);
        b.Block(path);
    }

    public static byte[] Create()
    {
        var b = new WordTemplateBuilder();
        b.Title("Sub-contract");
        b.Paragraph(WordTemplateBuilder.Plain("For: ", bold: true), b.Field("opportunity.title"), WordTemplateBuilder.Plain(" (buyer "), b.Field("opportunity.buyer"),
            WordTemplateBuilder.Plain(", reference "), b.Field("opportunity.reference"), WordTemplateBuilder.Plain(")"));
        b.Paragraph(WordTemplateBuilder.Plain("Sub-contract reference: ", bold: true), b.Field("subcontract.reference"));

        b.Heading(1, "1. Parties");
        b.Paragraph(b.Field("consortium.leadName", bold: true), WordTemplateBuilder.Plain(" (registration "), b.Field("consortium.leadRegistration"), WordTemplateBuilder.Plain(", "),
            b.Field("consortium.leadAddress"), WordTemplateBuilder.Plain("), lead body of "), b.Field("consortium.name"), WordTemplateBuilder.Plain(" and prime contractor (the Lead); and"));
        b.Paragraph(b.Field("member.name", bold: true), WordTemplateBuilder.Plain(", a "), b.Field("member.legalForm"), WordTemplateBuilder.Plain(" registered as "),
            b.Field("member.registration"), WordTemplateBuilder.Plain(" (the Member), contact "), b.Field("member.contact"), WordTemplateBuilder.Plain("."));

        b.Heading(1, "2. Scope, lots, volumes and areas");
        b.Block("subcontract.scope");
        b.Table([("Lot", 600), ("Title", 2100), ("Volume", 1100), ("Unit", 800), ("Areas", 1400), ("From", 1200), ("Unit price", 1038), ("Value", 1400)], "each line in subcontract.lines",
            [b.Field("line.lot")], [b.Field("line.title")], [b.Field("line.volume")], [b.Field("line.unit")], [b.Field("line.areas")], [b.Field("line.from")], [b.Field("line.unitPrice")], [b.Field("line.value")]);
        b.Paragraph(WordTemplateBuilder.Plain("Total sub-contract value: ", bold: true), b.Field("subcontract.total", bold: true));

        b.Heading(1, "3. Price");
        b.Block("clauses.price");
        b.Heading(1, "4. Payment");
        b.Block("clauses.payment");

        b.Heading(1, "5. Key performance indicators and monitoring returns");
        b.Table([("Indicator", 2600), ("Target", 3038), ("Return", 2600), ("Frequency", 1400)], "each kpi in subcontract.kpis",
            [b.Field("kpi.kpi")], [b.Field("kpi.target")], [b.Field("kpi.return")], [b.Field("kpi.frequency")]);
        b.Block("clauses.monitoring");

        b.Heading(1, "6. Social-value commitments");
        b.Table([("Measure", 3800), ("Quantity", 1200), ("Unit", 1600), ("Lots", 1000), ("Note", 2038)], "each commitment in subcontract.socialValue",
            [b.Field("commitment.measure")], [b.Field("commitment.quantity")], [b.Field("commitment.unit")], [b.Field("commitment.lots")], [b.Field("commitment.note")]);
        b.Block("clauses.socialValue");

        foreach (var (heading, clause) in ClauseSections) ClauseSection(b, heading, clause);

        b.Heading(1, "15. Signatures");
        b.Table([("For the Lead", 4819), ("For the Member", 4819)], null,
            [b.Field("consortium.signatory"), WordTemplateBuilder.Plain(", "), b.Field("consortium.leadName")],
            [b.Field("member.name")]);
        return b.Build("Sub-contract template", "subcontract.reference");
    }
}
