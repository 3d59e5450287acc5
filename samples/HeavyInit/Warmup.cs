using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Thaw.Lambda.Serialization.SystemTextJson;

namespace HeavyInit;

/// <summary>Init work that a real service does implicitly: generic code JIT-compiled for many types, serializers warmed, caches filled.</summary>
public static class Warmup
{
    private static readonly Type[] Types =
    [
        typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte), typeof(ushort), typeof(uint), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(bool), typeof(DateTime), typeof(TimeSpan),
        typeof(Guid), typeof(DateTimeOffset), typeof(Half), typeof(Int128), typeof(UInt128), typeof(DateOnly), typeof(TimeOnly),
        typeof(string),
    ];

    /// <summary>Closes generic collections over every pair of types and exercises them; returns the instantiation count.</summary>
    public static int JitGenerics()
    {
        var count = 0;
        var exercise = typeof(Warmup).GetMethod(nameof(Exercise), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var key in Types)
        {
            foreach (var value in Types)
            {
                exercise.MakeGenericMethod(key, value).Invoke(null, null);
                count++;
            }
        }

        return count;
    }

    /// <summary>Serializes and reads back an envelope of every type with the SDK's default serializer.</summary>
    public static void WarmSerializers()
    {
        var serializer = new DefaultLambdaJsonSerializer();
        var roundTrip = typeof(Warmup).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in Types)
        {
            roundTrip.MakeGenericMethod(type).Invoke(null, [serializer]);
        }
    }

    /// <summary>About <paramref name="entries"/> × 240 bytes of live strings.</summary>
    public static Dictionary<int, string> FillCache(int entries)
    {
        var cache = new Dictionary<int, string>(entries);
        var random = new Random(42);
        Span<char> buffer = stackalloc char[100];
        for (var i = 0; i < entries; i++)
        {
            for (var c = 0; c < buffer.Length; c++)
            {
                buffer[c] = (char)('a' + random.Next(26));
            }

            cache[i] = new string(buffer);
        }

        return cache;
    }

    private static void Exercise<TKey, TValue>()
        where TKey : notnull
    {
        var dictionary = new Dictionary<TKey, TValue?>();
        dictionary.TryAdd(default(TKey) is null ? (TKey)(object)string.Empty : default!, default);
        _ = dictionary.Count + dictionary.Keys.Count;
        var concurrent = new ConcurrentDictionary<TKey, TValue?>(dictionary);
        _ = concurrent.ToArray();
        var list = new List<KeyValuePair<TKey, TValue?>>(dictionary);
        list.Sort((a, b) => Comparer<TKey>.Default.Compare(a.Key, b.Key));
        _ = list.Select(p => p.Value).Where(v => v is not null).ToImmutableArray();
        _ = ImmutableDictionary.CreateRange(dictionary).ContainsKey(list[0].Key);
        _ = new HashSet<TValue?>(dictionary.Values).Count;
    }

    private static void RoundTrip<T>(DefaultLambdaJsonSerializer serializer)
    {
        var envelope = new Envelope<T> { Id = typeof(T).Name, At = DateTime.UnixEpoch };
        using var stream = new MemoryStream();
        serializer.Serialize(envelope, stream);
        stream.Position = 0;
        _ = serializer.Deserialize<Envelope<T>>(stream);
    }
}
