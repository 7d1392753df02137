namespace TenderConsortium.Cli.Infrastructure;

public static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
