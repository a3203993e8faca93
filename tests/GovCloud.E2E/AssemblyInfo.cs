// Each test class starts its own app and Chromium; on a 2-core machine running them side by side
// starved the browsers into time-outs, so the browser tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
