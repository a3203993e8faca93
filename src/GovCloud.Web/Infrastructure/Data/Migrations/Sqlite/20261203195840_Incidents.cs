using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Incidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTargets_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Number",
                table: "Incidents",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_StartedAt",
                table: "Incidents",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTargets_IncidentId",
                table: "IncidentTargets",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTargets_OrganisationId",
                table: "IncidentTargets",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTargets_SystemId",
                table: "IncidentTargets",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTargets_Zone",
                table: "IncidentTargets",
                column: "Zone");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentTargets");

            migrationBuilder.DropTable(
                name: "Incidents");
        }
    }
}
