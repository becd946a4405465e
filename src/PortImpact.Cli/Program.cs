using System.Text;
using PortImpact.Cli;

Console.OutputEncoding = Encoding.UTF8;
return CliApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, CliEnvironment.Process);
