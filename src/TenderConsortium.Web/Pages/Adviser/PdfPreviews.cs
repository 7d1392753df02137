using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TenderConsortium.Web.Pages.Adviser;

/// <summary>
/// PDF previews of bid packs made with LibreOffice when <c>soffice</c> is installed: converted on demand into a cache
/// folder beside the pack (<c>&lt;dir&gt;/preview/</c>), once per pack version, one private LibreOffice profile per
/// conversion so conversions may run side by side.
/// </summary>
public sealed class PdfPreviews(ILogger<PdfPreviews> logger)
{
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly Lazy<string?> _soffice = new(Find);

    public bool Available => _soffice.Value is not null;

    /// <summary>The PDF for <paramref name="docx"/>, converting it when the cached one is missing or older; null when it cannot be made.</summary>
    public async Task<string?> PdfAsync(string docx, CancellationToken ct)
    {
        if (_soffice.Value is not { } soffice || !File.Exists(docx)) return null;
        var cache = Path.Combine(Path.GetDirectoryName(docx)!, "preview");
        var pdf = Path.Combine(cache, Path.GetFileNameWithoutExtension(docx) + ".pdf");
        var gate = _locks.GetOrAdd(pdf, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (File.Exists(pdf) && File.GetLastWriteTimeUtc(pdf) >= File.GetLastWriteTimeUtc(docx)) return pdf;
            Directory.CreateDirectory(cache);
            var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
            var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--headless", "--convert-to", "pdf", "--outdir", cache, docx, $"-env:UserInstallation=file://{profile}" }) start.ArgumentList.Add(arg);
            try
            {
                using var process = Process.Start(start)!;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ConversionTimeout);
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    if (ct.IsCancellationRequested) throw;

                    // Only our timeout fired (the request is still wanted): a hung LibreOffice means "no preview", not a
                    // 500, and a half-written PDF must not pass the cache check next time.
                    logger.LogWarning("soffice did not convert {File} within {Timeout}; no preview", docx, ConversionTimeout);
                    try
                    {
                        File.Delete(pdf);
                    }
                    catch (IOException)
                    {
                        // Best effort; the warning above already explains the missing preview.
                    }

                    return null;
                }

                if (process.ExitCode != 0 || !File.Exists(pdf))
                {
                    logger.LogWarning("soffice could not convert {File} (exit {Code}): {Error}", docx, process.ExitCode, (await stderr).Trim() + (await stdout).Trim());
                    return null;
                }

                return pdf;
            }
            finally
            {
                try
                {
                    if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                    // A profile left behind in /tmp does no harm.
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "soffice");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
