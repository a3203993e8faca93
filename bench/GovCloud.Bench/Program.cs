using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/GovCloud.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
