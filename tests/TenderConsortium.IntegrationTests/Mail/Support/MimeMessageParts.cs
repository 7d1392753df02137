using MimeKit;

namespace TenderConsortium.IntegrationTests.Mail.Support;

/// <summary>Reading a delivered message's parts in assertions: every entity in order, and a part's decoded bytes.</summary>
public static class MimeMessageParts
{
    public static IEnumerable<MimeEntity> Entities(this MimeMessage message)
    {
        var stack = new Stack<MimeEntity>();
        if (message.Body is { } body) stack.Push(body);
        while (stack.TryPop(out var entity))
        {
            yield return entity;
            if (entity is Multipart multipart)
                for (var i = multipart.Count - 1; i >= 0; i--) stack.Push(multipart[i]);
        }
    }

    public static byte[] DecodedBytes(this MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return stream.ToArray();
    }
}
