using System.Text.Json.Nodes;
using TenderConsortium.Core.Notifications;

namespace TenderConsortium.Tests.Notifications;

public sealed class TemplateLanguageTests
{
    private static string Render(string source, IReadOnlyDictionary<string, object?> model, bool html = false) =>
        TemplateLanguage.Render(TemplateLanguage.Parse(source, "test.member", "text"), [model], html);

    private static Dictionary<string, object?> M(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public void Placeholders_take_dotted_paths_and_values_go_in_verbatim_as_text()
    {
        var model = M(("member", M(("name", "Tom & Jerry <Ltd>"))), ("count", 3));
        Assert.That(Render("Hello {{ member.name }}, {{count}} lots", model), Is.EqualTo("Hello Tom & Jerry <Ltd>, 3 lots"));
    }

    [Test]
    public void In_html_every_value_is_escaped()
    {
        var model = M(("name", "<script>alert(\"x\")</script>"), ("link", "https://x.example/d/a?b=1&c=2"));
        Assert.That(Render("<p>{{name}}</p><a href=\"{{link}}\">go</a>", model, html: true),
            Is.EqualTo("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><a href=\"https://x.example/d/a?b=1&amp;c=2\">go</a>"));
    }

    [Test]
    public void Each_iterates_with_item_scope_falling_back_outwards_and_loop_variables()
    {
        var model = M(("member", "Kirkcaldy Links"), ("lots", new List<Dictionary<string, object?>> { M(("title", "Lot 1")), M(("title", "Lot 2")) }));
        const string source = "{{#each lots}}{{@number}}. {{title}} for {{member}}{{#unless @last}}; {{/unless}}{{/each}}";
        Assert.That(Render(source, model), Is.EqualTo("1. Lot 1 for Kirkcaldy Links; 2. Lot 2 for Kirkcaldy Links"));
    }

    [Test]
    public void Each_has_an_else_branch_for_an_empty_or_null_list()
    {
        Assert.That(Render("{{#each gaps}}x{{else}}No gaps.{{/each}}", M(("gaps", new List<object>()))), Is.EqualTo("No gaps."));
        Assert.That(Render("{{#each gaps}}x{{else}}No gaps.{{/each}}", M(("gaps", null))), Is.EqualTo("No gaps."));
    }

    [Test]
    public void If_and_unless_follow_truthiness_and_null_counts_as_false()
    {
        const string source = "{{#if a}}A{{else}}not A{{/if}}/{{#unless b}}not B{{/unless}}";
        Assert.That(Render(source, M(("a", true), ("b", null))), Is.EqualTo("A/not B"));
        Assert.That(Render(source, M(("a", ""), ("b", "x"))), Is.EqualTo("not A/"));
        Assert.That(Render(source, M(("a", 0), ("b", 1))), Is.EqualTo("not A/"));
        Assert.That(Render("{{#if m.contact}}{{m.contact}}{{else}}{{m.name}}{{/if}}", M(("m", M(("contact", null), ("name", "N"))))), Is.EqualTo("N"));
    }

    [Test]
    public void A_block_tag_alone_on_its_line_takes_the_line_with_it()
    {
        const string source = "Lots:\n{{#each lots}}\n- {{this}}\n{{/each}}\nEnd\n";
        Assert.That(Render(source, M(("lots", new[] { "a", "b" }))), Is.EqualTo("Lots:\n- a\n- b\nEnd\n"));
    }

    [Test]
    public void A_placeholder_not_in_the_model_names_the_template_part_line_and_placeholder()
    {
        var ex = Assert.Throws<EmailTemplateException>(() => Render("line one\nHello {{member.nmae}}", M(("member", M(("name", "x"))))));
        Assert.That(ex!.Template, Is.EqualTo("test.member"));
        Assert.That(ex.Placeholder, Is.EqualTo("member.nmae"));
        Assert.That(ex.Message, Does.Contain("test.member").And.Contain("text, line 2").And.Contain("{{member.nmae}}"));

        var top = Assert.Throws<EmailTemplateException>(() => Render("{{deadline}}", M()));
        Assert.That(top!.Placeholder, Is.EqualTo("deadline"));
    }

    [Test]
    public void Syntax_errors_name_the_line()
    {
        Assert.That(() => TemplateLanguage.Parse("a\n{{#each lots}}\nb", "t.lead", "html"),
            Throws.TypeOf<EmailTemplateException>().With.Message.Contains("html, line 2").And.Message.Contains("never closed"));
        Assert.That(() => TemplateLanguage.Parse("{{#if a}}x{{/each}}", "t.lead", "text"),
            Throws.TypeOf<EmailTemplateException>().With.Message.Contains("closes the {{#if a}}"));
        Assert.That(() => TemplateLanguage.Parse("{{name", "t.lead", "text"), Throws.TypeOf<EmailTemplateException>().With.Message.Contains("not closed"));
        Assert.That(() => TemplateLanguage.Parse("{{#loop x}}{{/loop}}", "t.lead", "text"), Throws.TypeOf<EmailTemplateException>().With.Message.Contains("unknown section"));
    }

    [Test]
    public void A_list_used_as_a_value_is_an_error()
    {
        Assert.That(() => Render("{{lots}}", M(("lots", new[] { "a" }))),
            Throws.TypeOf<EmailTemplateException>().With.Message.Contains("use {{#each lots}}"));
    }

    [Test]
    public void Dates_are_written_in_words_in_uk_time()
    {
        Assert.That(TemplateLanguage.Format(new DateTimeOffset(2026, 12, 9, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo("Wednesday 9 December 2026 at midday (UK time)"));
        Assert.That(TemplateLanguage.Format(new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero)), Is.EqualTo("Wednesday 1 July 2026 at midday (UK time)"), "BST in summer");
        Assert.That(TemplateLanguage.Format(new DateOnly(2027, 2, 1)), Is.EqualTo("Monday 1 February 2027"));
        Assert.That(TemplateLanguage.Format(true), Is.EqualTo("yes"));
        Assert.That(TemplateLanguage.Format(1234.5m), Is.EqualTo("1234.5"));
    }

    [Test]
    public void A_subject_line_leaves_out_the_day_of_the_week()
    {
        var model = new Dictionary<string, object?> { ["due"] = new DateTimeOffset(2027, 7, 12, 16, 0, 0, TimeSpan.Zero) };
        Assert.Multiple(() =>
        {
            Assert.That(TemplateLanguage.Render(TemplateLanguage.Parse("Reply by {{due}}", "t.member", "subject"), [model], html: false),
                Is.EqualTo("Reply by 12 July 2027 at 5pm (UK time)"));
            Assert.That(TemplateLanguage.Render(TemplateLanguage.Parse("Reply by {{due}}", "t.member", "text"), [model], html: false),
                Is.EqualTo("Reply by Monday 12 July 2027 at 5pm (UK time)"));
        });
    }

    [Test]
    public void Json_and_record_models_work_like_dictionaries()
    {
        var json = JsonNode.Parse("""{ "opportunity": { "title": "Link workers", "deadline": "2026-12-09T12:00:00+00:00" }, "lots": [ { "title": "Lot 1" } ] }""")!.AsObject();
        Assert.That(Render("{{opportunity.title}} by {{opportunity.deadline}}: {{#each lots}}{{title}}{{/each}}", M(("opportunity", json["opportunity"]), ("lots", json["lots"]))),
            Is.EqualTo("Link workers by Wednesday 9 December 2026 at midday (UK time): Lot 1"));
        Assert.That(Render("{{share.Lot}} {{share.percent}}", M(("share", new Share("Lot 1", "35%")))), Is.EqualTo("Lot 1 35%"));
    }

    private sealed record Share(string Lot, string Percent);
}
