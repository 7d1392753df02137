using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Sends through an SMTP relay with MailKit. Safe for concurrent sends: each send takes a connection of its own from a
/// small pool of open, signed-in <see cref="SmtpClient"/>s, and gives it back afterwards (up to Mail:Smtp:PoolSize are
/// kept). Failures say whether a retry may help (<see cref="SmtpFailures"/>).
/// </summary>
/// <remarks>
/// A connection idle for longer than <see cref="IdleLifetime"/> is closed rather than reused, since relays drop idle
/// connections; one that the relay closed sooner fails its next send before any message data, and that send is tried
/// once more on a new connection, so a message is never refused for a connection's age.
/// </remarks>
public sealed class SmtpTransport : IMailTransport, IDisposable
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    private readonly SmtpOptions _smtp;
    private readonly SmtpConnector _connector;
    private readonly MailMessageComposer _composer;
    private readonly TimeProvider _time;
    private readonly ConcurrentBag<Connection> _idle = [];
    private int _disposed;

    public SmtpTransport(SmtpOptions smtp, MailOptions options, ISmtpTokenSource? tokens = null, TimeProvider? time = null)
    {
        _smtp = smtp;
        _time = time ?? TimeProvider.System;
        _connector = new SmtpConnector(smtp, tokens);
        _composer = new MailMessageComposer(options, _time);
    }

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) => SendAndDescribeAsync(mail, cancellationToken);

    /// <summary>Sends, and says what the connection used had negotiated (TLS, sign-in, extensions).</summary>
    public async Task<SmtpNegotiation> SendAndDescribeAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = _composer.Compose(mail);
        var connection = await TakeAsync(cancellationToken);
        var reused = connection.Reused;
        while (true)
        {
            try
            {
                await connection.Client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException ex)
            {
                // The relay answered and MailKit reset the transaction: the connection serves the next message.
                Return(connection);
                throw SmtpFailures.Classify(ex, _connector.Server);
            }
            catch (Exception ex) when (reused && ex is not OperationCanceledException && !connection.Client.IsConnected)
            {
                // The relay had closed this pooled connection while it waited: try once more on a new one.
                Close(connection);
                connection = await OpenAsync(cancellationToken);
                reused = false;
                continue;
            }
            catch (Exception ex)
            {
                Close(connection);
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) throw;
                throw SmtpFailures.Classify(ex, _connector.Server);
            }

            Return(connection);
            return connection.Negotiation;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        while (_idle.TryTake(out var idle)) Close(idle);
    }

    private async Task<Connection> TakeAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && _time.GetElapsedTime(idle.IdleSince) < IdleLifetime) return idle with { Reused = true };
            Close(idle);
        }

        return await OpenAsync(cancellationToken);
    }

    private async Task<Connection> OpenAsync(CancellationToken cancellationToken)
    {
        var (client, negotiation) = await _connector.ConnectAsync(cancellationToken);
        return new Connection(client, negotiation, _time.GetTimestamp(), Reused: false);
    }

    private void Return(Connection connection)
    {
        if (Volatile.Read(ref _disposed) == 0 && connection.Client.IsConnected && _idle.Count < _smtp.PoolSize)
            _idle.Add(connection with { IdleSince = _time.GetTimestamp(), Reused = false });
        else Close(connection);
    }

    private static void Close(Connection connection)
    {
        try
        {
            if (connection.Client.IsConnected) connection.Client.Disconnect(quit: true);
        }
        catch (Exception ex) when (ex is IOException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException or OperationCanceledException or TimeoutException)
        {
            // Closing a connection that is already going: nothing to keep.
        }
        finally
        {
            connection.Client.Dispose();
        }
    }

    private sealed record Connection(SmtpClient Client, SmtpNegotiation Negotiation, long IdleSince, bool Reused);
}
