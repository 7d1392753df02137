using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TenderConsortium.Persistence.Privacy;

namespace TenderConsortium.Host.Privacy;

/// <summary>Runs the retention sweep on a node with workers, every <see cref="RetentionOptions.SweepInterval"/>, when a period is set.</summary>
public sealed class RetentionWorker(RetentionSweeper sweeper, RetentionOptions options, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Months <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await sweeper.SweepAsync(stoppingToken) is { } report && report.EmailFilesDeleted + report.BidsCleared > 0)
                    logger.LogInformation("Retention ({Months} months): deleted {Files} email file(s), cleared personal data of {Bids} unsuccessful bid(s)",
                        options.Months, report.EmailFilesDeleted, report.BidsCleared);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("The retention sweep did not finish; it runs again later: {Reason}", ex.Message);
            }

            await Task.Delay(options.SweepInterval, time, stoppingToken);
        }
    }
}
