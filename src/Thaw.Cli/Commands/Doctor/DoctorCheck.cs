namespace Thaw.Cli.Commands.Doctor;

/// <summary>One row of <c>thaw doctor</c>: what was checked, how it went, and what that means.</summary>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Detail);
