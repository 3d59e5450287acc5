namespace Thaw.Lambda.Core;

/// <summary>
/// Names the <see cref="ILambdaSerializer"/> used for a function's input and output, on the assembly or on the
/// handler method (the method's attribute wins).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute : Attribute
{
    /// <summary>Names the serializer type; it must implement <see cref="ILambdaSerializer"/> and have a public parameterless constructor.</summary>
    public LambdaSerializerAttribute(Type serializerType) => SerializerType = serializerType;

    /// <summary>The serializer type.</summary>
    public Type SerializerType { get; set; }
}
