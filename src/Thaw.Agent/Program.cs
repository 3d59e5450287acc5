using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Thaw.Agent;
using Thaw.Agent.Control;

var options = AgentOptions.Parse(args, Environment.GetEnvironmentVariables(), out var error);
if (error is not null)
{
    Diagnostics.Write(error);
    Diagnostics.Write(AgentOptions.Usage);
    return 2;
}

// Socket completions run on the epoll thread instead of being handed to a thread-pool worker: the agent serves one
// runtime whose requests are short and never block on another socket, and each hand-over cost a wake-up per request.
// Read once, when the first socket is used; the runtime's environment was taken above and does not get this.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

// fds 0 and 1 are the host's pipes; after a CRIU restore they are new pipes on the same numbers.
using var input = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
using var output = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
using var control = new ControlChannel(input, output);
using var agent = new Agent(options, control, TimeProvider.System);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    agent.RequestStop();
});
return await agent.RunAsync();
