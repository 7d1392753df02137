using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TenderConsortium.Application.Delivery.Start;

namespace TenderConsortium.Host.Delivery;

/// <summary>
/// On a node with workers, starts the payment watch of any contract the award put in delivery whose start was cut
/// off by a crash (see <see cref="DeliveryWatch"/>): once at start-up and then every <see cref="DeliveryWatchOptions.SweepInterval"/>.
/// </summary>
public sealed class DeliveryWatchWorker(DeliveryWatch watch, DeliveryWatchOptions options, ILogger<DeliveryWatchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await watch.SweepAsync(stoppingToken) is > 0 and var started)
                    logger.LogInformation("Started the payment watch of {Contracts} contract(s) in delivery that had none", started);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("The delivery sweep did not finish; it runs again later: {Reason}", ex.Message);
            }

            // Real time on purpose: the sweep only repairs; due-ness of notices is judged by the workflow's clock.
            await Task.Delay(options.SweepInterval, stoppingToken);
        }
    }
}
