using System.CommandLine;
using Thaw.Cli;

var context = CliContext.CreateDefault();
var root = CliApp.CreateRootCommand(context);

// `thaw serve` stops its environments on SIGINT/SIGTERM; give that time before the process is torn down.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = CliApp.ShutdownGrace };
return await root.Parse(args).InvokeAsync(invocation);
