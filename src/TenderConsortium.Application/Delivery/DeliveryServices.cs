using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery;

/// <summary>Registers the delivery use cases (kept here so the composition root gains one line).</summary>
public static class DeliveryServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(new LatePaymentOptions());
        services.AddSingleton<DeliveryContracts>();
        services.AddSingleton<Start.DeliveryWatch>();
        services.AddSingleton<Start.StartDeliveryHandler>();
        services.AddSingleton<Show.ShowDeliveryHandler>();
        services.AddSingleton<Return.SubmitReturnHandler>();
        services.AddSingleton<Invoices.RaiseInvoiceHandler>();
        services.AddSingleton<Invoices.AdjustInvoiceHandler>();
        services.AddSingleton<Pay.RecordPaymentHandler>();
        services.AddSingleton<Report.WritePeriodReportHandler>();
        services.AddSingleton<Portfolio.ShowPortfolioHandler>();
        services.AddSingleton<Capacity.ShowCapacityHandler>();
        services.AddSingleton<MemberLink.ShowMemberDeliveryHandler>();
        services.AddSingleton<MemberLink.MemberDeliveryLink>();
        services.AddSingleton<MemberLink.SubmitMemberReturnHandler>();
        services.TryAddSingleton<IOwedStatements, MemberLink.OwedStatements>();
    }
}
