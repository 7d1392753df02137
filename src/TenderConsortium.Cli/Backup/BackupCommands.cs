using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Cli.Backup;

/// <summary>
/// "tender backup --to FILE" (while the node serves) and "tender restore FILE --data DIR" (into a new folder). A
/// restored folder is started as it is: `tender serve --data DIR` carries on every bid from where the backup was taken.
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var to = new Option<string>("--to") { Description = "The backup file to write, e.g. tender-2026-12-03.zip", Required = true };
        var command = new Command("backup", "Copy the database (consistently, while the node serves), documents and keys into one file") { data, db, to };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            var target = parse.GetValue(to)!;
            var summary = await BackupArchive.CreateAsync(location.DataFolder, location.ConnectionString, target, TimeProvider.System, ct);
            Console.Out.WriteLine($"Backed up {location.DataFolder} to {Path.GetFullPath(target)}: the database, {summary.Documents} document(s), {summary.Keys} key file(s); {summary.Bytes:N0} bytes.");
            Console.Out.WriteLine("It holds members' personal data and the keys to their links: keep it where only operators can read it.");
            return CliExit.Ok;
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A file written by tender backup" };
        var data = new Option<string>("--data") { Description = "A new (or empty) folder to restore into", Required = true };
        var command = new Command("restore", "Restore a backup into a new data folder; then run tender serve --data on it") { file, data };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(data)!);
            var summary = await BackupArchive.RestoreAsync(parse.GetValue(file)!, folder, ct);
            DataFolderAccess.Restrict(folder);
            Console.Out.WriteLine($"Restored into {folder}: the database, {summary.Documents} document(s), {summary.Keys} key file(s). Start it with: tender serve --data {folder}");
            return CliExit.Ok;
        }));
        return command;
    }
}
