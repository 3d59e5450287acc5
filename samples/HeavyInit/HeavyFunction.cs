using System.Diagnostics;
using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<HeavyInit.HeavyJsonContext>))]

namespace HeavyInit;

/// <summary>
/// Init (the constructor) JIT-compiles a few hundred generic instantiations, warms the JSON serializer for dozens of
/// types and fills a cache of about 100 MB (<c>HEAVY_CACHE_ENTRIES</c>, default 420,000); invokes are cheap lookups.
/// </summary>
public sealed class HeavyFunction
{
    internal const int DefaultCacheEntries = 420_000;

    private readonly Dictionary<int, string> _cache;
    private readonly long _initMs;
    private readonly int _instantiations;

    public HeavyFunction()
    {
        var stopwatch = Stopwatch.StartNew();
        _instantiations = Warmup.JitGenerics();
        Warmup.WarmSerializers();
        var entries = int.TryParse(Environment.GetEnvironmentVariable("HEAVY_CACHE_ENTRIES"), out var n) && n >= 0 ? n : DefaultCacheEntries;
        _cache = Warmup.FillCache(entries);
        _initMs = stopwatch.ElapsedMilliseconds;
        Console.WriteLine($"HeavyInit: {_instantiations} generic instantiations, {_cache.Count} cache entries, {GC.GetTotalMemory(false) / (1024 * 1024)} MB heap, Init {_initMs} ms");
    }

    public HeavyResponse Handle(HeavyRequest request, ILambdaContext context) => new()
    {
        InitMs = _initMs,
        CacheEntries = _cache.Count,
        Value = request is not null && _cache.TryGetValue(request.Key, out var value) ? value : null,
        HeapBytes = GC.GetTotalMemory(false),
        GenericInstantiations = _instantiations,
        ProcessId = Environment.ProcessId,
    };
}
