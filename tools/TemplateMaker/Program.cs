using TenderConsortium.Core.Common;
using TenderConsortium.Documents.Templates;

// Usage: dotnet run --project tools/TemplateMaker -- [templates folder, default ./templates]
// Writes bid-pack.docx, pricing.xlsx and subcontract.docx, then loads them back through the same checks the engine
// applies, so a template that would be refused is never committed. The output is byte-identical on every run.
var folder = Path.GetFullPath(args.FirstOrDefault() ?? "templates");
foreach (var file in TemplateSet.WriteBuiltin(folder)) Console.WriteLine($"wrote {file}");
try
{
    TemplateSet.Load(folder);
    Console.WriteLine("templates check: ok");
    return 0;
}
catch (BadInputException ex)
{
    foreach (var problem in ex.Problems) Console.Error.WriteLine($"error: {problem}");
    return 2;
}
