namespace Thaw.Host.Environments;

internal enum EnvironmentState
{
    Initializing,
    Restoring,
    Idle,
    Busy,
    Snapshotting,
    Dead,
}
