namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// An idempotency key an instance has accepted a signal under: how a retry of the same request is recognised, for as
/// long as the instance exists. Written in batches per instance (see <see cref="SignalKeyBuffer"/>), and directly for a
/// signal kept while another node held the instance.
/// </summary>
public sealed class SignalKeyRecord
{
    public Guid InstanceId { get; set; }
    public required string IdempotencyKey { get; set; }
}
