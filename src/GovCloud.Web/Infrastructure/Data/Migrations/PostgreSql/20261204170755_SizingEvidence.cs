using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SizingEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SizingEvidenceMarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: false),
                    MinDaysReported = table.Column<int>(type: "integer", nullable: false),
                    LastUsageId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SizingEvidenceMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VmSizingEvidence",
                columns: table => new
                {
                    VmId = table.Column<Guid>(type: "uuid", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    PeakCpuP95 = table.Column<double>(type: "double precision", nullable: true),
                    PeakMemoryP95 = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VmSizingEvidence", x => x.VmId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SizingEvidenceMarks");

            migrationBuilder.DropTable(
                name: "VmSizingEvidence");
        }
    }
}
