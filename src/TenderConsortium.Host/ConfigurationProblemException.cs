namespace TenderConsortium.Host;

/// <summary>A configuration value that cannot work; each problem names the setting and what was expected.</summary>
public sealed class ConfigurationProblemException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
