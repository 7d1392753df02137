using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// What an activity sees while it runs. Every effect goes through here and is buffered: variables set, bookmarks,
/// timers and emails become real only if the activity returns, and only when the whole burst commits.
/// </summary>
public sealed partial class ActivityContext
{
    private readonly ExecutionScope _scope;
    private readonly List<(string Path, JsonNode? Value)> _variableWrites = [];
    private readonly BurstEffects _effects;

    internal ActivityContext(ExecutionScope scope, ActivityNode node, string? via)
    {
        _scope = scope;
        _effects = scope.Effects;
        Node = node;
        Via = via;
    }

    public Guid InstanceId => _scope.Instance.Id;
    public WorkflowDefinition Definition => _scope.Definition;
    public ActivityNode Node { get; }

    /// <summary>The connection ("from:outcome->to") that scheduled this run, if any; joins count arrivals by it.</summary>
    public string? Via { get; }

    public DateTimeOffset Now => _scope.Now;
    public IServiceProvider Services => _scope.Services;

    /// <summary>
    /// The call's unit of work: stores opened on it (see <see cref="IStoreFactory{T}"/>) write in the same transaction
    /// as the instance, so what this activity writes commits with its step or not at all.
    /// </summary>
    public IUnitOfWork UnitOfWork => _scope.UnitOfWork;

    /// <summary>How many times this activity completed before in this instance.</summary>
    public int Occurrence => _scope.State.Completions.GetValueOrDefault(Node.Id);

    /// <summary>State the activity keeps between its own runs (e.g. a join's arrivals); persisted with the instance.</summary>
    public JsonObject ActivityState
    {
        get
        {
            if (!_scope.State.ActivityState.TryGetValue(Node.Id, out var state))
            {
                state = new JsonObject();
                _scope.State.ActivityState[Node.Id] = state;
            }

            return state;
        }
    }

    public JsonNode? Property(string name) => Node.Properties[name];

    /// <summary>A property's value with references ("=settings.x") resolved, or the declared default.</summary>
    public JsonNode? Resolve(string property)
    {
        var raw = Node.Properties[property];
        if (raw is null)
        {
            var descriptor = _scope.Catalogue.Get(Node.Type).Descriptor.Property(property);
            return descriptor?.Default?.DeepClone();
        }

        return ValueConversion.IsReference(raw, out var path) ? ResolvePath(path) : raw;
    }

    public T Get<T>(string property, ValueKind kind)
    {
        var node = Resolve(property);
        if (ValueConversion.TryConvert(node, kind, out var value) && value is T typed) return typed;
        throw new InvalidOperationException(
            $"Activity '{Node.Id}': property '{property}' is {(node is null ? "missing" : $"'{node.ToJsonString()}'")}; expected {ValueConversion.Expected(kind)}.");
    }

    public T? GetOptional<T>(string property, ValueKind kind)
    {
        var node = Resolve(property);
        return node is null ? default : Get<T>(property, kind);
    }

    public JsonNode? ResolvePath(string path)
    {
        foreach (var (p, value) in Enumerable.Reverse(_variableWrites))
        {
            if (path == "variables." + p) return value;
        }

        return _scope.Lookup(path);
    }

    public JsonNode? GetVariable(string path) => ResolvePath("variables." + path);

    public void SetVariable(string path, JsonNode? value) => _variableWrites.Add((path, value));

    /// <summary>Fills "{{path}}" placeholders with values as plain text; unknown paths become empty.</summary>
    /// <remarks>
    /// Matches are walked without a Match object or a replacement callback each: every email a burst queues renders
    /// its subject and body here, inside the writer's turn.
    /// </remarks>
    public string Render(string template)
    {
        if (!template.Contains("{{", StringComparison.Ordinal)) return template;
        StringBuilder? rendered = null;
        var copied = 0;
        foreach (var match in Placeholder().EnumerateMatches(template))
        {
            rendered ??= new StringBuilder(template.Length + 64);
            rendered.Append(template, copied, match.Index - copied);
            // Inside the braces, less the spaces around the path: the pattern's one group.
            var path = template.AsSpan(match.Index + 2, match.Length - 4).Trim().ToString();
            var value = ResolvePath(path);
            rendered.Append(value switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => value.ToJsonString(),
            });
            copied = match.Index + match.Length;
        }

        return rendered is null ? template : rendered.Append(template, copied, template.Length - copied).ToString();
    }

    public void CreateBookmark(string name, string key)
    {
        _effects.NewBookmarks.Add(new BookmarkRecord
        {
            InstanceId = InstanceId,
            ActivityId = Node.Id,
            Name = name,
            Key = key,
            CreatedAt = Now,
        });
        _scope.WaitStateOf(Node.Id).Bookmarks.Add(new BookmarkRef(name, key));
    }

    /// <summary>Schedules a timer for this activity; it fires no earlier than <paramref name="dueAt"/>, once.</summary>
    public Guid CreateTimer(DateTimeOffset dueAt, string tag)
    {
        var id = Guid.NewGuid();
        _effects.NewTimers.Add(new TimerRecord
        {
            Id = id,
            InstanceId = InstanceId,
            ActivityId = Node.Id,
            Tag = tag,
            DueAt = dueAt,
            Status = TimerStatus.Pending,
        });
        _scope.WaitStateOf(Node.Id).Timers.Add(new TimerRef(id, dueAt));
        return id;
    }

    /// <summary>
    /// Queues an email in the outbox, one row per recipient, with a Message-ID stable for
    /// (instance, event and its occurrence, recipient).
    /// </summary>
    public void SendEmail(string eventName, IEnumerable<string> recipients, string subject, string textBody, string? htmlBody = null,
        IReadOnlyList<MailAttachment>? attachments = null, string? fromName = null, string? replyTo = null)
    {
        foreach (var recipient in recipients.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var eventKey = $"{eventName}#{Occurrence}";
            var messageId = StableMessageId(InstanceId, eventKey, recipient, _scope.Options.MessageIdDomain);
            var mail = new OutgoingMail(messageId, recipient, subject, textBody, htmlBody, FromName: fromName, Attachments: attachments, ReplyTo: replyTo);
            _effects.Outbox.Add(new OutboxRecord
            {
                InstanceId = InstanceId,
                Type = OutboxMessageTypes.Email,
                MessageId = messageId,
                Event = eventKey,
                Recipient = recipient,
                Subject = subject,
                Payload = System.Text.Json.JsonSerializer.Serialize(mail),
                Status = OutboxStatus.Pending,
                CreatedAt = Now,
                NextAttemptAt = Now,
            });
            Journal(JournalKinds.EmailQueued, $"{eventKey} to {recipient}: {subject}");
        }
    }

    public void Journal(string kind, string? detail) => _scope.Journal(kind, Node.Id, detail, null);

    public static string StableMessageId(Guid instanceId, string eventKey, string recipient, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId:N}|{eventKey}|{recipient.ToLowerInvariant()}"));
        return $"<{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@{domain}>";
    }

    internal void CommitVariables()
    {
        foreach (var (path, value) in _variableWrites) ValuePath.Set(_scope.State.Variables, path, value);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
