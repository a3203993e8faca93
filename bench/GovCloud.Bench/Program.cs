using BenchmarkDotNet.Running;
using GovCloud.Bench;

// Micro-benchmarks:  dotnet run -c Release --project bench/GovCloud.Bench -- --filter '*'
// Scale scenarios:   dotnet run -c Release --project bench/GovCloud.Bench -- dashboard <Sqlite|PostgreSql> <connection string> [clocks] [runs]
//                    dotnet run -c Release --project bench/GovCloud.Bench -- datacenters <Sqlite|PostgreSql> <connection string> [centres] [runs]
//                    dotnet run -c Release --project bench/GovCloud.Bench -- security <Sqlite|PostgreSql> <connection string> [events] [runs]
//                    dotnet run -c Release --project bench/GovCloud.Bench -- access <Sqlite|PostgreSql> <connection string> [grants] [runs]
//                    dotnet run -c Release --project bench/GovCloud.Bench -- metrics <Sqlite|PostgreSql> <connection string> [vms] [runs]
//                    dotnet run -c Release --project bench/GovCloud.Bench -- applications <Sqlite|PostgreSql> <connection string> [applications] [runs]
if (args.Length >= 3 && args[0] == "dashboard")
    return await DashboardScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 1_000_000, args.Length > 4 ? int.Parse(args[4]) : 30);
if (args.Length >= 3 && args[0] == "applications")
    return await ApplicationsScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 20_000, args.Length > 4 ? int.Parse(args[4]) : 50);
if (args.Length >= 3 && args[0] == "inventory")
    return await InventoryScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 100_000, args.Length > 4 ? int.Parse(args[4]) : 30);
if (args.Length >= 3 && args[0] == "security")
    return await SecurityScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 10_000, args.Length > 4 ? int.Parse(args[4]) : 30);
if (args.Length >= 3 && args[0] == "access")
    return await AccessScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 10_000, args.Length > 4 ? int.Parse(args[4]) : 1_000);
if (args.Length >= 3 && args[0] == "metrics")
    return await MetricsScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 100_000, args.Length > 4 ? int.Parse(args[4]) : 10);
if (args.Length >= 3 && args[0] == "datacenters")
    return await DataCentersScale.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 20_000, args.Length > 4 ? int.Parse(args[4]) : 30);
BenchmarkSwitcher.FromAssembly(typeof(DeadlineBenchmarks).Assembly).Run(args);
return 0;
