using System.Diagnostics;

namespace TenderConsortium.IntegrationTests.Documents;

/// <summary>
/// LibreOffice and poppler as the tests use them: many files converted in one soffice call (it starts slowly), each
/// call with its own user profile so that concurrent calls never share one, and pdftotext for what a reader sees.
/// </summary>
public static class LibreOffice
{
    public static string? Missing()
    {
        foreach (var tool in new[] { "soffice", "pdftotext" })
            if (Find(tool) is null) return $"'{tool}' is not on PATH (Debian: libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)";
        return null;
    }

    public static void Convert(string format, string outputFolder, IEnumerable<string> files)
    {
        var profile = Path.Combine(Path.GetTempPath(), "tender-lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var arguments = new List<string> { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", format, "--outdir", outputFolder };
            arguments.AddRange(files);
            var (code, output) = Run(Find("soffice")!, arguments, TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"soffice exited with {code}: {output}");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }

    public static string PdfText(string pdf)
    {
        var (code, output) = Run(Find("pdftotext")!, ["-enc", "UTF-8", pdf, "-"], TimeSpan.FromMinutes(1));
        if (code != 0) throw new InvalidOperationException($"pdftotext exited with {code}");
        return output;
    }

    private static (int Code, string Output) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
