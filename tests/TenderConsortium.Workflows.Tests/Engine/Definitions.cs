namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>Small definitions that each exercise one feature of the runtime.</summary>
internal static class Definitions
{
    public const string Approval = """
    {
      "id": "approval", "name": "Approval",
      "settings": { "to": { "type": "string", "default": "lead@example.org" } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "approval", "key": "lead",
          "payload": { "decision": { "type": "string", "required": true, "enum": ["approve", "reject"] } }, "output": "approval" } },
        { "id": "decide", "type": "Decision", "properties": { "rules": [
          { "when": { "left": "=variables.approval.decision", "op": "equals", "right": "approve" }, "outcome": "yes" } ], "otherwise": "no" } },
        { "id": "mail-yes", "type": "SendEmail", "properties": { "to": ["{{settings.to}}"], "subject": "Approved {{variables.title}}", "body": "yes" } },
        { "id": "mail-no", "type": "SendEmail", "properties": { "to": ["{{settings.to}}"], "subject": "Rejected {{variables.title}}", "body": "no" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "wait" }, { "from": "wait", "to": "decide" },
        { "from": "decide", "outcome": "yes", "to": "mail-yes" }, { "from": "decide", "outcome": "no", "to": "mail-no" },
        { "from": "mail-yes", "to": "end" }, { "from": "mail-no", "to": "end" }
      ]
    }
    """;

    public const string DelayThenSignal = """
    {
      "id": "delay-then-signal", "name": "Delay then signal",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "delay", "type": "Delay", "properties": { "duration": "PT1H" } },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "go", "key": "=variables.member", "output": "answer" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "delay" }, { "from": "delay", "to": "wait" }, { "from": "wait", "to": "end" } ]
    }
    """;

    public const string Timer = """
    {
      "id": "timer", "name": "Timer",
      "settings": { "wait": { "type": "duration", "default": "PT10M" } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "delay", "type": "Delay", "properties": { "duration": "=settings.wait" } },
        { "id": "mail", "type": "SendEmail", "properties": { "to": ["member@example.org"], "subject": "Reminder", "body": "Deadline soon." } }
      ],
      "connections": [ { "from": "start", "to": "delay" }, { "from": "delay", "to": "mail" } ]
    }
    """;

    public static string ForkJoin(string mode, int? count = null) => $$"""
    {
      "id": "fork-join-{{mode}}", "name": "Fork and join",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "fork", "type": "Fork", "properties": { "branches": ["a", "b", "c"] } },
        { "id": "wait-a", "type": "WaitForSignal", "properties": { "bookmark": "a" } },
        { "id": "wait-b", "type": "WaitForSignal", "properties": { "bookmark": "b" } },
        { "id": "wait-c", "type": "WaitForSignal", "properties": { "bookmark": "c" } },
        { "id": "join", "type": "Join", "properties": { "mode": "{{mode}}"{{(count is null ? "" : $", \"count\": {count}")}} } },
        { "id": "after", "type": "SetVariable", "properties": { "name": "joined", "value": true } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "fork" },
        { "from": "fork", "outcome": "a", "to": "wait-a" }, { "from": "fork", "outcome": "b", "to": "wait-b" }, { "from": "fork", "outcome": "c", "to": "wait-c" },
        { "from": "wait-a", "to": "join" }, { "from": "wait-b", "to": "join" }, { "from": "wait-c", "to": "join" },
        { "from": "join", "to": "after" }, { "from": "after", "to": "end" }
      ]
    }
    """;

    public const string ManyBookmarks = """
    {
      "id": "many", "name": "Many bookmarks and a join",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "fork", "type": "Fork", "properties": { "branches": ["answers", "lead"] } },
        { "id": "answers", "type": "AwaitAll", "properties": { "count": 200 } },
        { "id": "lead", "type": "WaitForSignal", "properties": { "bookmark": "lead" } },
        { "id": "join", "type": "Join" },
        { "id": "mail", "type": "SendEmail", "properties": { "to": ["lead@example.org"], "subject": "All answers in", "body": "200 of 200." } }
      ],
      "connections": [
        { "from": "start", "to": "fork" },
        { "from": "fork", "outcome": "answers", "to": "answers" }, { "from": "fork", "outcome": "lead", "to": "lead" },
        { "from": "answers", "to": "join" }, { "from": "lead", "to": "join" }, { "from": "join", "to": "mail" }
      ]
    }
    """;

    public const string Flaky = """
    {
      "id": "flaky", "name": "Flaky",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "call", "type": "Flaky" },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "call" }, { "from": "call", "to": "end" } ]
    }
    """;

    public const string Timeout = """
    {
      "id": "timeout", "name": "Signal with timeout",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "answer", "key": "m1", "timeout": "P3D" } },
        { "id": "late", "type": "SetVariable", "properties": { "name": "result", "value": "timed out" } },
        { "id": "ok", "type": "SetVariable", "properties": { "name": "result", "value": "answered" } }
      ],
      "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "outcome": "timedOut", "to": "late" }, { "from": "wait", "to": "ok" } ]
    }
    """;
}
