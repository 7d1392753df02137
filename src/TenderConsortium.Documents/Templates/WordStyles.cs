using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TenderConsortium.Documents.Templates;

/// <summary>The templates' named styles: change them in Word (Styles pane) to restyle every generated document.</summary>
public static class WordStyles
{
    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" },
                new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
        ParagraphStyle("Normal", "Normal", null, null, isDefault: true),
        ParagraphStyle("Title", "Title", new RunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = "44" }),
            new ParagraphProperties(new SpacingBetweenLines { After = "240" })),
        ParagraphStyle("Heading1", "heading 1", new RunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = "30" }),
            new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "360", After = "120" }, new OutlineLevel { Val = 0 })),
        ParagraphStyle("Heading2", "heading 2", new RunProperties(new Bold(), new Color { Val = "2E74B5" }, new FontSize { Val = "24" }),
            new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" }, new OutlineLevel { Val = 1 })),
        ParagraphStyle("Small", "Small", new RunProperties(new Color { Val = "595959" }, new FontSize { Val = "16" }), null),
        ParagraphStyle("TableHeading", "Table Heading", new RunProperties(new Bold(), new FontSize { Val = "18" }),
            new ParagraphProperties(new SpacingBetweenLines { After = "0" })),
        new Style(
            new StyleName { Val = "Consortium Table" },
            new BasedOn { Val = "TableNormal" },
            new UIPriority { Val = 59 },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
            new StyleRunProperties(new FontSize { Val = "18" }),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableStyleProperties(
                new TableStyleConditionalFormattingTableCellProperties(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9E2F3" }))
            { Type = TableStyleOverrideValues.FirstRow })
        { Type = StyleValues.Table, StyleId = "ConsortiumTable" });

    private static Style ParagraphStyle(string id, string name, RunProperties? run, ParagraphProperties? paragraph, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = OnOffValue.FromBoolean(true);
        else style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
        if (paragraph is not null) style.Append(new StyleParagraphProperties(paragraph.ChildElements.Select(e => e.CloneNode(true))));
        if (run is not null) style.Append(new StyleRunProperties(run.ChildElements.Select(e => e.CloneNode(true))));
        return style;
    }
}
