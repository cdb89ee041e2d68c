using System.Text;
using Consentry.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return CliApp.Run(args, Console.Out, Console.Error);
