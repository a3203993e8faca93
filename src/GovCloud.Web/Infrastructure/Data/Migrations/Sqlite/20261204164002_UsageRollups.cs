using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsageRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageRollupMarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUsageId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRollupMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageRollups",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Vms = table.Column<int>(type: "INTEGER", nullable: false),
                    Vcpu = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<long>(type: "INTEGER", nullable: false),
                    DiskGb = table.Column<long>(type: "INTEGER", nullable: false),
                    CpuUsed = table.Column<double>(type: "REAL", nullable: false),
                    CpuP95Used = table.Column<double>(type: "REAL", nullable: false),
                    CpuWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryUsed = table.Column<double>(type: "REAL", nullable: false),
                    MemoryP95Used = table.Column<double>(type: "REAL", nullable: false),
                    MemoryWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    DiskUsed = table.Column<double>(type: "REAL", nullable: false),
                    DiskWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    NetworkIn = table.Column<double>(type: "REAL", nullable: false),
                    NetworkOut = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRollups", x => new { x.Day, x.OrganisationId, x.Zone });
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRollups_OrganisationId_Day",
                table: "UsageRollups",
                columns: new[] { "OrganisationId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageRollupMarks");

            migrationBuilder.DropTable(
                name: "UsageRollups");
        }
    }
}
