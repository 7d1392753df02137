using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// A handler names its fields as the application sees them ("until", "overrides[0].volume"); on the command line the
/// same field is an option. This renames a refusal's paths to the options a person typed, by path alone.
/// </summary>
internal static class ProblemPaths
{
    /// <param name="renames">Handler path prefix → option, e.g. ("until", "--until"); "overrides[0].volume" starts with "overrides".</param>
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, params (string Path, string Option)[] renames)
    {
        try
        {
            return await work();
        }
        catch (ProblemException ex)
        {
            throw new ProblemException(ex.Items.Select(p => renames.FirstOrDefault(r => p.Path == r.Path || p.Path.StartsWith(r.Path + "[", StringComparison.Ordinal)
                                                                                       || p.Path.StartsWith(r.Path + ".", StringComparison.Ordinal)) is { Option: not null } hit
                ? p with { Path = hit.Option }
                : p).ToList());
        }
    }
}
