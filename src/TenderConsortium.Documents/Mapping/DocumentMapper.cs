using AutoMapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace TenderConsortium.Documents.Mapping;

/// <summary>
/// Builds the AutoMapper configuration for documents. The licence key comes from configuration
/// (<c>AutoMapper:LicenseKey</c>, e.g. the environment variable <c>AutoMapper__LicenseKey</c>); without one AutoMapper
/// logs a single warning and works.
/// </summary>
public static class DocumentMapper
{
    public const string LicenseKeySetting = "AutoMapper:LicenseKey";

    public static IMapper Create(IConfiguration? configuration, ILoggerFactory loggerFactory) =>
        Create(configuration?[LicenseKeySetting], loggerFactory);

    public static IMapper Create(string? licenseKey, ILoggerFactory loggerFactory)
    {
        var config = new MapperConfiguration(cfg =>
        {
            if (!string.IsNullOrWhiteSpace(licenseKey)) cfg.LicenseKey = licenseKey;
            cfg.AddProfile<DocumentProfile>();
        }, loggerFactory);
        return config.CreateMapper();
    }
}
