using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
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
                    VmId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnixSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Cpu = table.Column<double>(type: "double precision", nullable: true),
                    Memory = table.Column<double>(type: "double precision", nullable: true),
                    Disk = table.Column<double>(type: "double precision", nullable: true),
                    NetworkIn = table.Column<double>(type: "double precision", nullable: true),
                    NetworkOut = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricSamples", x => new { x.VmId, x.UnixSeconds });
                });

            migrationBuilder.CreateTable(
                name: "UsagePulls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    PulledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Vms = table.Column<int>(type: "integer", nullable: false),
                    Unmatched = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UnmatchedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsagePulls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VmDailyUsage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VmId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Vcpu = table.Column<int>(type: "integer", nullable: false),
                    MemoryGb = table.Column<int>(type: "integer", nullable: false),
                    DiskGb = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CpuAvg = table.Column<double>(type: "double precision", nullable: true),
                    CpuP95 = table.Column<double>(type: "double precision", nullable: true),
                    CpuMax = table.Column<double>(type: "double precision", nullable: true),
                    MemoryAvg = table.Column<double>(type: "double precision", nullable: true),
                    MemoryP95 = table.Column<double>(type: "double precision", nullable: true),
                    MemoryMax = table.Column<double>(type: "double precision", nullable: true),
                    DiskAvg = table.Column<double>(type: "double precision", nullable: true),
                    DiskP95 = table.Column<double>(type: "double precision", nullable: true),
                    DiskMax = table.Column<double>(type: "double precision", nullable: true),
                    NetworkInAvg = table.Column<double>(type: "double precision", nullable: true),
                    NetworkInP95 = table.Column<double>(type: "double precision", nullable: true),
                    NetworkInMax = table.Column<double>(type: "double precision", nullable: true),
                    NetworkOutAvg = table.Column<double>(type: "double precision", nullable: true),
                    NetworkOutP95 = table.Column<double>(type: "double precision", nullable: true),
                    NetworkOutMax = table.Column<double>(type: "double precision", nullable: true)
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
