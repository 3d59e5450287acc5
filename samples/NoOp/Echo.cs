namespace NoOp;

/// <summary>Echoes the payload bytes: no serializer, no allocation beyond the runtime's own.</summary>
public static class Echo
{
    public static Stream Handler(Stream input) => input;
}
