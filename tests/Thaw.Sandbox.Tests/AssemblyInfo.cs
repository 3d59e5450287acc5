// Environments and CRIU runs compete for 2 cores; serial tests keep timings and memory limits meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
