namespace Thaw.Cli.Api.Model;

/// <summary>A network interface of an environment or snapshot, as the Thaw extension endpoints report it.</summary>
internal sealed record NetworkInterfaceRecord
{
    public string? Name { get; init; }

    public string? MacAddress { get; init; }
}
