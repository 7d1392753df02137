using TenderConsortium.Core.Notifications;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Notifications;

public sealed class FileEmailTemplatesTests
{
    private static readonly PublicLinks Links = new("https://bids.fifesen.example/");
    private string _folder = "";

    private static string Shipped => Path.Combine(RepoFiles.RepoRoot, "templates", "email");

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tender-templates", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Test]
    public void Every_shipped_template_passes_the_check_against_its_sample_model()
    {
        var templates = new FileEmailTemplates(Shipped, "Fife Social Enterprise Network", Links);
        Assert.That(templates.Check(EmailTemplateNames.All, name => EmailSampleModels.For(name, Links)), Is.Empty);
        Assert.That(Directory.GetFiles(Shipped, "*.email").Select(f => Path.GetFileName(f)[..^6]).Order(), Is.EqualTo(EmailTemplateNames.All.Order()),
            "one file per template, no strays");
    }

    [TestCaseSource(typeof(EmailTemplateNames), nameof(EmailTemplateNames.All))]
    public void Each_shipped_template_renders_a_subject_text_and_html_with_absolute_links(string name)
    {
        var templates = new FileEmailTemplates(Shipped, "Fife Social Enterprise Network", Links);
        var model = EmailSampleModels.For(name, Links)!;
        var email = templates.Render(name, model);
        Assert.Multiple(() =>
        {
            Assert.That(email.Subject, Is.Not.Empty.And.Not.Contains("\n").And.Not.Contains("{{"));
            Assert.That(email.Subject.Length, Is.LessThanOrEqualTo(120), "short enough for a phone");
            Assert.That(email.Text, Does.Not.Contain("{{").And.Not.Contains("<p>"));
            Assert.That(email.Html, Does.StartWith("<!DOCTYPE html>").And.Contain("lang=\"en-GB\"").And.Not.Contains("{{"));
            Assert.That(email.Text, Does.Contain(model["link"] as string), "the link is in the plain text");
            Assert.That(email.Html, Does.Contain($"href=\"{model["link"]}\""), "and in the HTML");
            Assert.That(email.Text, Does.EndWith("Fife Social Enterprise Network\nhttps://bids.fifesen.example\n"), "the footer from _layout.txt");
        });
    }

    [Test]
    public void A_member_called_script_stays_text_in_every_member_template()
    {
        var templates = new FileEmailTemplates(Shipped, "Consortium", Links);
        foreach (var name in EmailTemplateNames.All.Where(n => n.EndsWith(".member", StringComparison.Ordinal) && n != EmailTemplateNames.DigestMember))
        {
            var model = new Dictionary<string, object?>(EmailSampleModels.For(name, Links)!)
            {
                ["member"] = new Dictionary<string, object?> { ["name"] = "<script>alert(1)</script>", ["contactName"] = null },
            };
            var email = templates.Render(name, model);
            Assert.That(email.Html, Does.Not.Contain("<script>").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), name);
            Assert.That(email.Text, Does.Contain("<script>alert(1)</script>"), name);
        }
    }

    [Test]
    public void A_missing_template_file_names_the_template()
    {
        var templates = new FileEmailTemplates(_folder, "C", Links);
        Assert.That(() => templates.Render("invitation.member", new Dictionary<string, object?>()),
            Throws.TypeOf<EmailTemplateException>().With.Message.Contains("'invitation.member'").And.Message.Contains("does not exist"));
        Assert.That(() => templates.Render("../secrets", new Dictionary<string, object?>()),
            Throws.TypeOf<EmailTemplateException>().With.Message.Contains("not a template name"));
    }

    [Test]
    public void A_missing_placeholder_names_the_template_and_placeholder()
    {
        File.WriteAllText(Path.Combine(_folder, "invitation.member.email"), "Subject: Hi {{member.name}}\n--- text ---\nDeadline {{deadlin}}\n--- html ---\n<p>x</p>\n");
        var templates = new FileEmailTemplates(_folder, "C", Links);
        var ex = Assert.Throws<EmailTemplateException>(() => templates.Render("invitation.member",
            new Dictionary<string, object?> { ["member"] = new Dictionary<string, object?> { ["name"] = "A" }, ["deadline"] = "soon" }));
        Assert.That(ex!.Template, Is.EqualTo("invitation.member"));
        Assert.That(ex.Placeholder, Is.EqualTo("deadlin"));
        Assert.That(ex.Message, Does.Contain("text, line 3"));
    }

    [Test]
    public void The_check_visits_every_branch_and_finds_relative_links_and_strays()
    {
        File.WriteAllText(Path.Combine(_folder, "fault.lead.email"),
            "Subject: Stuck\n--- text ---\n{{#if flag}}ok{{else}}{{oops}}{{/if}}\n--- html ---\n<a href=\"/lead/x\">x</a>\n");
        File.WriteAllText(Path.Combine(_folder, "typo.lead.email"), "Subject: x\n--- text ---\nx\n--- html ---\nx\n");
        var templates = new FileEmailTemplates(_folder, "C", Links);
        var problems = templates.Check(["fault.lead", "outcome.member"], _ => new Dictionary<string, object?> { ["flag"] = true });
        Assert.That(problems, Has.Some.Contains("typo.lead.email: not a template"));
        Assert.That(problems, Has.Some.Contains("{{oops}}"), "the else branch is checked although the sample takes the other");
        Assert.That(problems, Has.Some.Contains("'outcome.member'").And.Some.Contains("does not exist"));
        File.WriteAllText(Path.Combine(_folder, "fault.lead.email"), "Subject: Stuck\n--- text ---\nok\n--- html ---\n<a href=\"/lead/x\">x</a>\n");
        Assert.That(templates.Check(["fault.lead"], _ => new Dictionary<string, object?>()), Has.Some.Contains("\"/lead/x\" is not absolute"));
    }

    [Test]
    public void A_file_edited_while_running_is_used_at_its_next_render()
    {
        var path = Path.Combine(_folder, "submitted.member.email");
        File.WriteAllText(path, "Subject: One\n--- text ---\nA\n--- html ---\nA\n");
        var templates = new FileEmailTemplates(_folder, "C", Links);
        Assert.That(templates.Render("submitted.member", new Dictionary<string, object?>()).Subject, Is.EqualTo("One"));
        File.WriteAllText(path, "Subject: Two, edited\n--- text ---\nB\n--- html ---\nB\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.That(templates.Render("submitted.member", new Dictionary<string, object?>()).Subject, Is.EqualTo("Two, edited"));
    }

    [Test]
    public void A_file_without_its_sections_is_refused_with_the_reason()
    {
        File.WriteAllText(Path.Combine(_folder, "outcome.member.email"), "Subject: x\n--- text ---\nx\n");
        File.WriteAllText(Path.Combine(_folder, "submitted.member.email"), "Hello\n");
        var templates = new FileEmailTemplates(_folder, "C", Links);
        Assert.That(() => templates.Render("outcome.member", new Dictionary<string, object?>()), Throws.TypeOf<EmailTemplateException>().With.Message.Contains("no '--- html ---' section"));
        Assert.That(() => templates.Render("submitted.member", new Dictionary<string, object?>()), Throws.TypeOf<EmailTemplateException>().With.Message.Contains("line 1"));
    }

    [Test]
    public void Values_with_line_breaks_do_not_break_the_subject_header()
    {
        File.WriteAllText(Path.Combine(_folder, "outcome.member.email"), "Subject: Result: {{title}}\n--- text ---\nx\n--- html ---\nx\n");
        var templates = new FileEmailTemplates(_folder, "C", Links);
        Assert.That(templates.Render("outcome.member", new Dictionary<string, object?> { ["title"] = "Line\r\nBcc: evil@example.org" }).Subject,
            Is.EqualTo("Result: Line Bcc: evil@example.org"));
    }

    [Test]
    public void The_digest_holds_only_member_news_without_a_deadline_and_drops_each_footer()
    {
        var digest = new TemplateMailDigest(new FileEmailTemplates(Shipped, "Fife SEN", Links), Links);
        Assert.Multiple(() =>
        {
            Assert.That(digest.CanWait("declaration-receipt.member#0"), Is.True);
            Assert.That(digest.CanWait("outcome.member:lot-2#1"), Is.True);
            Assert.That(digest.CanWait("invitation.member#0"), Is.False);
            Assert.That(digest.CanWait("consent-request.member#0"), Is.False);
            Assert.That(digest.CanWait("response-received.lead#0"), Is.False);
            Assert.That(digest.CanWait("mail#0"), Is.False);
        });
        var held = new Workflows.Mail.HeldMail(new Workflows.Mail.OutgoingMail("<a@x>", "m@x.example", "We have your reply", "Thanks.\n\n-- \nFife SEN\nhttps://x\n"),
            new DateTimeOffset(2026, 12, 9, 10, 0, 0, TimeSpan.Zero));
        var mail = digest.Compose("<d@x>", "m@x.example", new DateOnly(2026, 12, 10), [held, held with { Mail = held.Mail with { Subject = "Bid submitted", TextBody = "Sent today." } }]);
        Assert.That(mail.Subject, Is.EqualTo("Your daily update from Fife SEN: 2 new"));
        Assert.That(mail.TextBody, Does.Contain("== We have your reply ==").And.Contain("Thanks.").And.Contain("== Bid submitted =="));
        Assert.That(mail.TextBody.Split("\n-- \n"), Has.Length.EqualTo(2), "one footer: the digest's own");
        Assert.That(mail.MessageId, Is.EqualTo("<d@x>"));
    }
}
