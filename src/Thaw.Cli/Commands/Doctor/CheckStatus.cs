namespace Thaw.Cli.Commands.Doctor;

/// <summary>Outcome of one doctor check.</summary>
internal enum CheckStatus
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>Works partly, or is not needed for everything (e.g. no host running right now).</summary>
    Warning,

    /// <summary>Does not work; some of Thaw will not.</summary>
    Failed,
}
