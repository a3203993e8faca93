using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsageFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MetricSamples",
                columns: table => new
                {
                    VmId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnixSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Cpu = table.Column<double>(type: "REAL", nullable: true),
                    Memory = table.Column<double>(type: "REAL", nullable: true),
                    Disk = table.Column<double>(type: "REAL", nullable: true),
                    NetworkIn = table.Column<double>(type: "REAL", nullable: true),
                    NetworkOut = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricSamples", x => new { x.VmId, x.UnixSeconds });
                });

            migrationBuilder.CreateTable(
                name: "UsagePulls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PulledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Vms = table.Column<int>(type: "INTEGER", nullable: false),
                    Unmatched = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UnmatchedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsagePulls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VmDailyUsage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VmId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Vcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    DiskGb = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CpuAvg = table.Column<double>(type: "REAL", nullable: true),
                    CpuP95 = table.Column<double>(type: "REAL", nullable: true),
                    CpuMax = table.Column<double>(type: "REAL", nullable: true),
                    MemoryAvg = table.Column<double>(type: "REAL", nullable: true),
                    MemoryP95 = table.Column<double>(type: "REAL", nullable: true),
                    MemoryMax = table.Column<double>(type: "REAL", nullable: true),
                    DiskAvg = table.Column<double>(type: "REAL", nullable: true),
                    DiskP95 = table.Column<double>(type: "REAL", nullable: true),
                    DiskMax = table.Column<double>(type: "REAL", nullable: true),
                    NetworkInAvg = table.Column<double>(type: "REAL", nullable: true),
                    NetworkInP95 = table.Column<double>(type: "REAL", nullable: true),
                    NetworkInMax = table.Column<double>(type: "REAL", nullable: true),
                    NetworkOutAvg = table.Column<double>(type: "REAL", nullable: true),
                    NetworkOutP95 = table.Column<double>(type: "REAL", nullable: true),
                    NetworkOutMax = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VmDailyUsage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VmDailyUsage_CloudVms_VmId",
                        column: x => x.VmId,
                        principalTable: "CloudVms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSamples_UnixSeconds",
                table: "MetricSamples",
                column: "UnixSeconds");

            migrationBuilder.CreateIndex(
                name: "IX_UsagePulls_Source_Day",
                table: "UsagePulls",
                columns: new[] { "Source", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VmDailyUsage_Day_OrganisationId",
                table: "VmDailyUsage",
                columns: new[] { "Day", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_VmDailyUsage_OrganisationId_Day",
                table: "VmDailyUsage",
                columns: new[] { "OrganisationId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_VmDailyUsage_SystemId_Day",
                table: "VmDailyUsage",
                columns: new[] { "SystemId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_VmDailyUsage_VmId_Day",
                table: "VmDailyUsage",
                columns: new[] { "VmId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VmDailyUsage_Zone_Day",
                table: "VmDailyUsage",
                columns: new[] { "Zone", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MetricSamples");

            migrationBuilder.DropTable(
                name: "UsagePulls");

            migrationBuilder.DropTable(
                name: "VmDailyUsage");
        }
    }
}
