namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// How wide the command's text may be: at most 100 columns, narrower when the terminal (or COLUMNS) says so. A file
/// or a pipe has no width of its own, so it gets the same 100 a person will read it at later.
/// </summary>
public static class CliWidth
{
    /// <summary>The widest any table or line is drawn (issue 14: tables fit 100 columns).</summary>
    public const int Max = 100;

    /// <summary>The narrowest a table is drawn, even when a terminal reports less; below it tables are unreadable anyway.</summary>
    private const int Min = 40;

    public static int Columns
    {
        get
        {
            var width = Max;
            if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0) width = Math.Min(width, columns);
            else if (!Console.IsOutputRedirected)
            {
                try
                {
                    if (Console.WindowWidth > 0) width = Math.Min(width, Console.WindowWidth);
                }
                catch (IOException)
                {
                    // No console to ask (a service, a test host): keep the default.
                }
            }

            return Math.Max(Min, width);
        }
    }

    /// <summary>
    /// An id as a table shows it: the first 8 characters and an ellipsis when it is longer than 12 (a GUID, a hash);
    /// <c>--json</c> gives it in full.
    /// </summary>
    public static string ShortId(string id) => id.Length <= 12 ? id : id[..8] + "…";
}
