// End-to-end tests start real hosts with real environments on a 2-core machine: one at a time keeps them honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
