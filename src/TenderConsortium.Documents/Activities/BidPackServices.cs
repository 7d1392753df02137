using AutoMapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Templates;
using TenderConsortium.Workflows.Hosting;

namespace TenderConsortium.Documents.Activities;

/// <summary>
/// What the document activities share on a node: the documents folder, the templates (loaded and checked on first
/// use, so a bad template faults the stage with a message naming it rather than stopping the node) and the mapper.
/// </summary>
public sealed class BidPackServices
{
    private readonly Lazy<TemplateSet> _templates;

    public BidPackServices(string documentsFolder, string templatesFolder, IMapper mapper)
    {
        Documents = new DocumentFolder(documentsFolder);
        TemplatesFolder = Path.GetFullPath(templatesFolder);
        Mapper = mapper;
        // PublicationOnly: a template refused now (the lead is fixing it in Word) is loaded again on the next retry
        // instead of the first failure being remembered until the node restarts.
        _templates = new Lazy<TemplateSet>(() => TemplateSet.Load(TemplatesFolder), LazyThreadSafetyMode.PublicationOnly);
    }

    public DocumentFolder Documents { get; }

    public string TemplatesFolder { get; }

    public IMapper Mapper { get; }

    public BidPackAssembler Assembler => new(_templates.Value, Mapper);
}

public static class BidPackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AssembleBidPack and IssueSubcontracts activities. They also need an
    /// <see cref="Core.BidPacks.IBidPackSource"/> (TenderConsortium.Persistence.BidPacks.BidPackSource on a node).
    /// The AutoMapper licence key is read from configuration, <c>AutoMapper:LicenseKey</c>, when an IConfiguration is registered.
    /// </summary>
    public static IServiceCollection AddBidPacks(this IServiceCollection services, string documentsFolder, string templatesFolder)
    {
        services.AddSingleton(sp => new BidPackServices(documentsFolder, templatesFolder,
            DocumentMapper.Create(sp.GetService<IConfiguration>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)));
        services.AddActivity<AssembleBidPackActivity>();
        services.AddActivity<IssueSubcontractsActivity>();
        services.AddSingleton<Core.Delivery.IPeriodReportWriter>(new Delivery.PeriodReportWriter(documentsFolder, templatesFolder));
        return services;
    }
}
