namespace TenderConsortium.Core.Notifications;

/// <summary>An email ready for the outbox: subject, plain text and HTML, all rendered from one template.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);
